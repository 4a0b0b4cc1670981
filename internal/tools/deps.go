//go:build deps

// Package tools pins modules that the code base is about to import.
package tools
import (
 _ "github.com/aws/aws-sdk-go-v2/aws"
 _ "github.com/aws/aws-sdk-go-v2/config"
 _ "github.com/aws/aws-sdk-go-v2/credentials"
 _ "github.com/aws/aws-sdk-go-v2/credentials/stscreds"
 _ "github.com/aws/aws-sdk-go-v2/service/sts"
 _ "github.com/aws/aws-sdk-go-v2/service/ecs"
 _ "github.com/aws/smithy-go"
 _ "github.com/hashicorp/terraform-plugin-framework/provider"
 _ "github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
 _ "github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
 _ "github.com/hashicorp/terraform-plugin-go/tfprotov6"
 _ "github.com/hashicorp/terraform-plugin-log/tflog"
 _ "github.com/hashicorp/terraform-plugin-testing/helper/resource"
 _ "github.com/google/go-cmp/cmp"
)
