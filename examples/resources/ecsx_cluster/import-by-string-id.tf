import {
  to = ecsx_cluster.example
  id = "web"
}
