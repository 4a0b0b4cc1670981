package provider

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// regionPattern matches an AWS Region name.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+-\d+$`)

// partitionOf returns the AWS partition of a region.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	case strings.HasPrefix(region, "eu-isoe-"):
		return "aws-iso-e"
	case strings.HasPrefix(region, "us-isof-"):
		return "aws-iso-f"
	}
	return "aws"
}

// planRegion plans region: the configured one, else the provider's. A
// region other than the prior state's replaces the cluster.
func planRegion(plan, config, state map[string]tftypes.Value, data *providerData, resp *resource.ModifyPlanResponse) {
	if config["region"].IsNull() {
		if data == nil {
			plan["region"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		} else {
			plan["region"] = tftypes.NewValue(tftypes.String, data.Region)
		}
	}
	if state == nil || !plan["region"].IsKnown() || state["region"].IsNull() {
		return
	}
	if !plan["region"].Equal(state["region"]) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("region"))
	}
}
