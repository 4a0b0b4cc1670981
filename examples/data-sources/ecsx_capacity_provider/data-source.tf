# Look up a capacity provider by name...
data "ecsx_capacity_provider" "ec2" {
  name = "web-ec2"
}

# ...or by ARN, in the ARN's region.
data "ecsx_capacity_provider" "managed" {
  arn = "arn:aws:ecs:eu-west-1:123456789012:capacity-provider/web-managed"
}

output "ec2_capacity" {
  value = {
    type            = data.ecsx_capacity_provider.ec2.type
    status          = data.ecsx_capacity_provider.ec2.status
    group           = data.ecsx_capacity_provider.ec2.auto_scaling_group_provider[0].auto_scaling_group_arn
    target_capacity = data.ecsx_capacity_provider.ec2.auto_scaling_group_provider[0].managed_scaling[0].target_capacity
  }
}

output "managed_instances" {
  value = {
    cluster    = data.ecsx_capacity_provider.managed.cluster
    monitoring = data.ecsx_capacity_provider.managed.managed_instances_provider[0].instance_launch_template[0].monitoring
  }
}
