# A short-lived cluster for a preview environment or a CI run, which
# `terraform destroy` removes in one run even while something still runs in
# it.
#
# With force_destroy = true (recorded by an apply before the destroy), the
# destroy deletes the cluster's services with force, stops its remaining
# tasks and deregisters its container instances, then deletes the cluster,
# all within timeouts.delete. The plan of the destroy warns with the counts of
# the last refresh, and the apply lists what was removed.
#
# Services and tasks started by other tools (a deployment pipeline, the AWS
# CLI) are removed too: keep force_destroy for clusters whose content is
# disposable.

terraform {
  required_providers {
    ecsx = {
      source = "ecsx/ecsx"
    }
  }
}

variable "preview" {
  description = "Name of the preview environment, such as a pull request number."
  type        = string
  default     = "pr-1234"
}

resource "ecsx_cluster" "preview" {
  name_prefix   = "preview-"
  force_destroy = true

  tags = {
    environment = "preview"
    preview     = var.preview
  }

  timeouts {
    delete = "10m"
  }
}

output "cluster_name" {
  value = ecsx_cluster.preview.name
}
