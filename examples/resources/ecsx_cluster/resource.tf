# A Fargate cluster with a default capacity provider strategy:
# one task always on FARGATE, the rest split 1:3 with FARGATE_SPOT.
resource "ecsx_cluster" "fargate" {
  name = "web"

  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 3
  }

  tags = {
    environment = "production"
  }
}

# ECS Exec sessions logged to CloudWatch and S3, encrypted with KMS.
resource "ecsx_cluster" "exec" {
  name = "ops"

  configuration {
    execute_command_configuration {
      kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = "/ecs/exec/ops"
        s3_bucket_name                 = "example-exec-audit"
        s3_bucket_encryption_enabled   = true
        s3_key_prefix                  = "ops/"
      }
    }

    managed_storage_configuration {
      fargate_ephemeral_storage_kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Service Connect: services in this cluster join the "internal" Cloud Map
# namespace by default. A namespace name or ARN is accepted.
resource "ecsx_cluster" "mesh" {
  name = "mesh"

  service_connect_defaults {
    namespace = "internal"
  }
}

# Container Insights with enhanced observability, and a generated name.
# Without a setting block the cluster gets the account's default.
resource "ecsx_cluster" "observed" {
  name_prefix = "batch-"

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  timeouts {
    delete = "45m"
  }
}

# A cluster in another region than the provider's.
resource "ecsx_cluster" "replica" {
  name   = "web"
  region = "us-west-2"
}
