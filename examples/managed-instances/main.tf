# A cluster on ECS Managed Instances, created in one `terraform apply` and
# destroyed in one `terraform destroy`:
#
# - the capacity provider names the cluster by reference, so Terraform
#   creates it after the cluster and deletes it before the cluster; the
#   cluster's deletion then finds no Managed Instances provider left;
# - ECS refuses Managed Instances providers in PutClusterCapacityProviders:
#   the provider belongs to its cluster from its creation. Listing it in
#   ecsx_cluster_capacity_providers is allowed (ecsx never sends it there)
#   and lets the default strategy use it.

terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

resource "ecsx_cluster" "managed" {
  name = "managed-instances"
}

resource "ecsx_capacity_provider" "managed" {
  name    = "managed-instances"
  cluster = ecsx_cluster.managed.name

  managed_instances_provider {
    # With hashicorp/aws beside ecsx these are aws_iam_role.ecs_infrastructure.arn,
    # aws_iam_instance_profile.ecs_instance.arn, aws_subnet.private[*].id and
    # aws_security_group.instances.id.
    infrastructure_role_arn = "arn:aws:iam::123456789012:role/ecsInfrastructureRole"
    propagate_tags          = "CAPACITY_PROVIDER"

    instance_launch_template {
      ec2_instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"
      monitoring               = "DETAILED"

      network_configuration {
        subnets         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
        security_groups = ["sg-0123456789abcdef0"]
      }

      storage_configuration {
        storage_size_gib = 50
      }

      instance_requirements {
        cpu_manufacturers    = ["amazon-web-services"]
        instance_generations = ["current"]

        vcpu_count {
          min = 2
          max = 16
        }

        memory_mib {
          min = 4096
        }
      }
    }

    infrastructure_optimization {
      scale_in_after = 600
    }
  }

  tags = {
    team = "platform"
  }
}

resource "ecsx_cluster_capacity_providers" "managed" {
  cluster_name       = ecsx_cluster.managed.name
  capacity_providers = [ecsx_capacity_provider.managed.name, "FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.managed.name
    base              = 1
    weight            = 1
  }
}
