# The README's demo: a small fleet of clusters on the local ECS sandbox.
# `make demo` starts the sandbox and passes its endpoint in.

terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

variable "endpoint" {
  description = "ECS and STS endpoint URL (the sandbox started by make demo, which serves both)."
  type        = string
  default     = "http://127.0.0.1:4599"
}

provider "ecsx" {
  region     = "us-east-1"
  access_key = "demo"
  secret_key = "demo"

  endpoints {
    ecs = var.endpoint
    sts = var.endpoint
  }

  default_tags {
    tags = {
      project = "ecsx-demo"
    }
  }
}

resource "ecsx_cluster" "web" {
  name = "demo-web"

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

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  tags = {
    tier = "web"
  }
}

resource "ecsx_cluster" "ops" {
  name = "demo-ops"

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"

      log_configuration {
        cloud_watch_log_group_name = "/ecs/exec/demo-ops"
        s3_bucket_name             = "demo-exec-audit"
        s3_key_prefix              = "ops/"
      }
    }
  }

  service_connect_defaults {
    namespace = "demo.internal"
  }
}

resource "ecsx_cluster" "batch" {
  name_prefix = "demo-batch-"
}

output "clusters" {
  description = "Name, ARN and status of each cluster."
  value = {
    for c in [ecsx_cluster.web, ecsx_cluster.ops, ecsx_cluster.batch] :
    c.name => { arn = c.arn, status = c.status }
  }
}

output "service_connect_namespace_arn" {
  description = "The Cloud Map namespace ARN the service reported for demo-ops."
  value       = ecsx_cluster.ops.service_connect_defaults[0].namespace_arn
}

output "web_tags_all" {
  description = "Resource tags merged over the provider's default_tags."
  value       = ecsx_cluster.web.tags_all
}
