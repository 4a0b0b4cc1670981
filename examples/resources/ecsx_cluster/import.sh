# A cluster is imported by its name or by its ARN.
terraform import ecsx_cluster.example web
terraform import ecsx_cluster.example arn:aws:ecs:eu-west-1:123456789012:cluster/web
