# terraform test against ecsx-sandbox (Terraform 1.13 and later, for the
# variable block). Start the sandbox first (go run ./cmd/ecsx-sandbox, or
# the ecsx-sandbox program of a release), then, in examples/terraform-test:
#
#   terraform init
#   terraform test
#
# TF_VAR_sandbox_endpoint=http://127.0.0.1:PORT points at a sandbox
# listening elsewhere.

variable "sandbox_endpoint" {
  description = "URL of ecsx-sandbox."
  type        = string
  default     = "http://127.0.0.1:4599"
}

variables {
  name          = "orders"
  team          = "payments"
  force_destroy = true
}

provider "ecsx" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"

  endpoints {
    ecs = var.sandbox_endpoint
    sts = var.sandbox_endpoint
  }
}

run "creates_the_cluster" {
  assert {
    condition     = ecsx_cluster.this.status == "ACTIVE"
    error_message = "The cluster is not ACTIVE."
  }

  assert {
    condition     = output.arn == "arn:aws:ecs:us-east-1:123456789012:cluster/orders"
    error_message = "Unexpected ARN ${output.arn}."
  }

  assert {
    condition     = ecsx_cluster.this.tags_all["team"] == "payments"
    error_message = "The team tag is missing."
  }
}

run "changes_the_team_tag" {
  variables {
    team = "checkout"
  }

  assert {
    condition     = ecsx_cluster.this.tags_all["team"] == "checkout"
    error_message = "The team tag was not updated."
  }
}

# Two container instances join the cluster, through the sandbox's admin API.
run "registers_container_instances" {
  module {
    source = "./tests/workload"
  }

  variables {
    cluster = run.creates_the_cluster.name
  }
}

# The module reads them, and its destroy at the end of the test deregisters
# them first (force_destroy), as it would in a real account.
run "counts_the_container_instances" {
  variables {
    team = "checkout"
  }

  assert {
    condition     = ecsx_cluster.this.registered_container_instances_count == 2
    error_message = "The cluster has ${ecsx_cluster.this.registered_container_instances_count} container instances, not 2."
  }
}
