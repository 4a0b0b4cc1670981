# An EC2-backed cluster that is created in one `terraform apply` and
# destroyed in one `terraform destroy`:
#
# - the association refers to the cluster and to the capacity provider, so
#   Terraform creates it last (after the provider is ACTIVE) and destroys it
#   first;
# - the capacity provider is then deleted, which lets the Auto Scaling group
#   scale in;
# - the cluster's deletion waits, within its delete timeout, until the
#   group's container instances have deregistered.

terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

resource "ecsx_cluster" "ec2" {
  name = "ec2-capacity"
  # capacity_providers is left out: ecsx_cluster_capacity_providers owns them.
}

resource "ecsx_capacity_provider" "ec2" {
  name = "ec2-capacity"

  auto_scaling_group_provider {
    # With hashicorp/aws beside ecsx this is aws_autoscaling_group.ec2.arn:
    #
    #   resource "aws_autoscaling_group" "ec2" {
    #     name                  = "ec2-capacity"
    #     min_size              = 0
    #     max_size              = 10
    #     protect_from_scale_in = true
    #     launch_template { id = aws_launch_template.ecs.id }
    #   }
    auto_scaling_group_arn         = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/ec2-capacity"
    managed_termination_protection = "ENABLED"

    managed_scaling {
      status          = "ENABLED"
      target_capacity = 100
    }
  }
}

resource "ecsx_cluster_capacity_providers" "ec2" {
  cluster_name       = ecsx_cluster.ec2.name
  capacity_providers = [ecsx_capacity_provider.ec2.name, "FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.ec2.name
    base              = 1
    weight            = 1
  }
}
