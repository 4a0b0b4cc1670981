resource "ecsx_capacity_provider" "example" {
  name = "ec2"

  auto_scaling_group_provider {
    # aws_autoscaling_group.example.arn with hashicorp/aws beside ecsx.
    auto_scaling_group_arn         = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/ec2"
    managed_termination_protection = "ENABLED"

    managed_scaling {
      status                    = "ENABLED"
      target_capacity           = 90
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 10
    }
  }

  tags = {
    team = "platform"
  }
}
