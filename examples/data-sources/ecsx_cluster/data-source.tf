# Look up a cluster by name...
data "ecsx_cluster" "web" {
  name = "web"
}

# ...or by ARN.
data "ecsx_cluster" "ops" {
  arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/ops"
}

output "web_cluster" {
  value = {
    arn                = data.ecsx_cluster.web.arn
    status             = data.ecsx_cluster.web.status
    running_tasks      = data.ecsx_cluster.web.running_tasks_count
    capacity_providers = data.ecsx_cluster.web.capacity_providers
  }
}

output "ops_service_connect_namespace" {
  value = try(data.ecsx_cluster.ops.service_connect_defaults.namespace_arn, null)
}
