# Test helper: registers container instances in a cluster of ecsx-sandbox
# through its admin API, as the ECS agent of two EC2 instances would.
variable "sandbox_endpoint" {
  type = string
}

variable "cluster" {
  type = string
}

variable "instances" {
  type    = number
  default = 2
}

resource "terraform_data" "container_instances" {
  input = var.cluster

  provisioner "local-exec" {
    command = "curl -sf -X POST ${var.sandbox_endpoint}/_sandbox/container-instances -d '{\"cluster\":\"${var.cluster}\",\"count\":${var.instances}}'"
  }
}
