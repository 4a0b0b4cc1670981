# Every capacity provider of the provider's region whose name begins with
# "prod-" (Auto Scaling group providers, and the Managed Instances providers
# of every cluster), with the full resource, for
# terraform query -generate-config-out.
list "ecsx_capacity_provider" "prod" {
  provider         = ecsx
  include_resource = true

  config {
    name_regex = "^prod-"
  }
}

# The Managed Instances capacity providers of cluster "web" only.
list "ecsx_capacity_provider" "web" {
  provider = ecsx

  config {
    type    = "MANAGED_INSTANCES"
    cluster = "web"
  }
}
