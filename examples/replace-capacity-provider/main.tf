# Replacing an Auto Scaling group capacity provider that a cluster uses, in
# one `terraform apply`: change `auto_scaling_group_arn` (a new group) and
# apply. Terraform then
#
# 1. creates the new capacity provider (a new name under `name_prefix`) and
#    waits until it is ACTIVE;
# 2. updates the association: the cluster's capacity providers and its
#    default strategy name the new provider, and the old one is removed from
#    the cluster;
# 3. deletes the old capacity provider, which the cluster no longer uses.
#
# `create_before_destroy` orders it so; `name_prefix` lets both providers
# exist at once. With a fixed `name`, the old provider would have to be
# deleted first, which ECS refuses while the cluster uses it.
#
# ECS's limits: an Auto Scaling group backs one capacity provider only, so
# the new provider needs a new group. With hashicorp/aws that group is
#
#   resource "aws_autoscaling_group" "ec2" {
#     name_prefix           = "replace-ec2-"
#     min_size              = 0
#     max_size              = 10
#     protect_from_scale_in = true
#     launch_template { id = aws_launch_template.ecs.id }
#
#     lifecycle {
#       create_before_destroy = true
#     }
#   }
#
# and `auto_scaling_group_arn = aws_autoscaling_group.ec2.arn`. Terraform
# applies create_before_destroy to the group too (a resource that a
# create_before_destroy resource depends on is replaced the same way), so the
# group needs a name prefix of its own. The old provider cannot be deleted
# while services or tasks still run on it: move them to the new provider
# first (their capacity provider strategies), or the association's update
# stops with ECS's ResourceInUseException.

terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

variable "auto_scaling_group_arn" {
  description = "ARN of the Auto Scaling group behind the capacity provider. Another group replaces the capacity provider."
  type        = string
  default     = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/replace-ec2-blue"
}

resource "ecsx_cluster" "this" {
  name = "replace-capacity-provider"
  # capacity_providers is left out: ecsx_cluster_capacity_providers owns them.
}

resource "ecsx_capacity_provider" "ec2" {
  name_prefix = "replace-ec2-"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = var.auto_scaling_group_arn
    managed_termination_protection = "ENABLED"

    managed_scaling {
      status          = "ENABLED"
      target_capacity = 100
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "ecsx_cluster_capacity_providers" "this" {
  cluster_name       = ecsx_cluster.this.name
  capacity_providers = [ecsx_capacity_provider.ec2.name]

  default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.ec2.name
    base              = 1
    weight            = 1
  }
}
