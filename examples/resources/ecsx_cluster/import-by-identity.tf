# Terraform 1.12 and later: account_id and region are optional and default
# to the provider's.
import {
  to = ecsx_cluster.example
  identity = {
    name       = "example"
    region     = "us-west-2"
    account_id = "123456789012"
  }
}
