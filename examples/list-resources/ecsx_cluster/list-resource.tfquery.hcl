# Every cluster of the provider's region whose name begins with "prod-",
# with the full resource, for terraform query -generate-config-out.
list "ecsx_cluster" "prod" {
  provider         = ecsx
  include_resource = true

  config {
    name_regex = "^prod-"
  }
}
