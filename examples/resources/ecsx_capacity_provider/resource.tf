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

# A generated name under a prefix: a change that replaces the provider (a
# new Auto Scaling group) creates the new one beside it, so that a cluster
# that uses it moves to the new one in the same apply. See
# examples/replace-capacity-provider.
resource "ecsx_capacity_provider" "generated" {
  name_prefix = "ec2-"

  auto_scaling_group_provider {
    auto_scaling_group_arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/ec2-blue"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# ECS Managed Instances: the provider belongs to the cluster it names.
resource "ecsx_cluster" "managed" {
  name = "managed"
}

resource "ecsx_capacity_provider" "managed" {
  name    = "managed"
  cluster = ecsx_cluster.managed.name

  managed_instances_provider {
    infrastructure_role_arn = "arn:aws:iam::123456789012:role/ecsInfrastructureRole"

    instance_launch_template {
      ec2_instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"

      network_configuration {
        subnets = ["subnet-0123456789abcdef0"]
      }

      instance_requirements {
        vcpu_count {
          min = 2
        }

        memory_mib {
          min = 4096
        }
      }
    }
  }
}
