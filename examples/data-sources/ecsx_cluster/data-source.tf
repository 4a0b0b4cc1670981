# Look up a cluster by name...
data "ecsx_cluster" "web" {
  cluster_name = "web"
}

# ...or by ARN...
data "ecsx_cluster" "ops" {
  arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/ops"
}

# ...in another region than the provider's.
data "ecsx_cluster" "replica" {
  cluster_name = "web"
  region       = "us-west-2"
}

output "web_cluster" {
  value = {
    arn                = data.ecsx_cluster.web.arn
    status             = data.ecsx_cluster.web.status
    running_tasks      = data.ecsx_cluster.web.running_tasks_count
    capacity_providers = data.ecsx_cluster.web.capacity_providers
    container_insights = one([for s in data.ecsx_cluster.web.setting : s.value if s.name == "containerInsights"])
  }
}

output "ops_service_connect_namespace" {
  value = try(data.ecsx_cluster.ops.service_connect_defaults[0].namespace, null)
}

output "replica_arn" {
  value = data.ecsx_cluster.replica.arn
}
