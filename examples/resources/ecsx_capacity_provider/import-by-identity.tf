# Terraform 1.12 and later: the identity is the capacity provider's ARN, as
# for aws_ecs_capacity_provider of hashicorp/aws.
import {
  to = ecsx_capacity_provider.example
  identity = {
    arn = "arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2"
  }
}
