resource "ecsx_cluster" "example" {
  name = "web"
  # No capacity_providers here: the association below manages them.
}

resource "ecsx_cluster_capacity_providers" "example" {
  cluster_name       = ecsx_cluster.example.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 3
  }

  # How long to wait for the capacity providers to become ACTIVE (default 20m).
  timeouts {
    create = "30m"
    update = "30m"
  }
}
