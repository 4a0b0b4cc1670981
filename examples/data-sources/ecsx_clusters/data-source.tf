# Every cluster of the region.
data "ecsx_clusters" "all" {}

# Only the clusters whose names start with "prod-".
data "ecsx_clusters" "production" {
  name_regex = "^prod-"
}

output "all_cluster_names" {
  value = data.ecsx_clusters.all.names
}

# A map of name => ARN.
output "production_clusters" {
  value = { for c in data.ecsx_clusters.production.clusters : c.name => c.arn }
}
