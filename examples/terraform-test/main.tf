# A small module tested offline: tests/cluster.tftest.hcl applies it against
# ecsx-sandbox with terraform test. See the guide "Testing your modules
# offline with ecsx-sandbox".
terraform {
  required_providers {
    ecsx = { source = "ecsx/ecsx" }
  }
}

variable "name" {
  description = "Name of the team's cluster."
  type        = string
}

variable "team" {
  description = "Value of the cluster's team tag."
  type        = string
}

variable "force_destroy" {
  description = "Delete the cluster's services, tasks and container instances on destroy."
  type        = bool
  default     = false
}

resource "ecsx_cluster" "this" {
  name               = var.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  force_destroy      = var.force_destroy

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = {
    team = var.team
  }
}

output "arn" {
  value = ecsx_cluster.this.arn
}

output "name" {
  value = ecsx_cluster.this.name
}
