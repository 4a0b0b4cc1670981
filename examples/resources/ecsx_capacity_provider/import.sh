# A capacity provider is imported by its name (in the provider's region) or
# by its ARN (the region is taken from the ARN).
terraform import ecsx_capacity_provider.example ec2
terraform import ecsx_capacity_provider.example arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2
