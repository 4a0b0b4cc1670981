# A cluster is imported by its name (in the provider's region), by
# name@region, or by its ARN (the region is taken from the ARN).
terraform import ecsx_cluster.example web
terraform import ecsx_cluster.example web@us-west-2
terraform import ecsx_cluster.example arn:aws:ecs:eu-west-1:123456789012:cluster/web
