package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// descCapacityProviderIdentityARN describes the identity attribute, shared
// by the resource identity and the list resource.
const descCapacityProviderIdentityARN = "The ARN of the capacity provider, such as `arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2`. " +
	"Its region is the region of the capacity provider."

// capacityProviderIdentityModel is the resource identity of
// ecsx_capacity_provider: the ARN alone, as hashicorp/aws's
// aws_ecs_capacity_provider identity, so that an import block by identity
// written for it imports the same provider once the type is renamed.
type capacityProviderIdentityModel struct {
	ARN types.String `tfsdk:"arn"`
}

var _ resource.ResourceWithIdentity = (*capacityProviderResource)(nil)

func (r *capacityProviderResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"arn": identityschema.StringAttribute{RequiredForImport: true, Description: descCapacityProviderIdentityARN},
		},
	}
}

// setCapacityProviderIdentity records the identity of the capacity provider
// of an ARN. A CLI without resource identity (Terraform before 1.12,
// OpenTofu) sends none, and nothing is recorded; neither is anything while
// the ARN is unknown (a create without an answer).
func setCapacityProviderIdentity(ctx context.Context, id *tfsdk.ResourceIdentity, arn string) diag.Diagnostics {
	if id == nil || arn == "" {
		return nil
	}
	return id.Set(ctx, capacityProviderIdentityModel{ARN: types.StringValue(arn)})
}

// capacityProviderImportIDFromIdentity turns an import block's identity into
// the import ID the ID-string path takes: the ARN, checked to be the ARN of
// an ECS capacity provider.
func capacityProviderImportIDFromIdentity(ctx context.Context, id *tfsdk.ResourceIdentity) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if id == nil || id.Raw.IsNull() {
		diags.AddError("Missing import ID", "Import an ecsx_capacity_provider by its name or ARN, or with an import block by identity (identity = { arn = ... }).")
		return "", diags
	}
	var ident capacityProviderIdentityModel
	diags.Append(id.Get(ctx, &ident)...)
	if diags.HasError() {
		return "", diags
	}
	arn := strings.TrimSpace(ident.ARN.ValueString())
	m := arnPattern.FindStringSubmatch(arn)
	if m == nil || m[2] != "ecs" || !strings.HasPrefix(m[5], "capacity-provider/") {
		diags.AddAttributeError(path.Root("arn"), "Invalid identity",
			fmt.Sprintf("Attribute arn: %q is not the ARN of an ECS capacity provider; expected arn:PARTITION:ecs:REGION:ACCOUNT:capacity-provider/NAME.", arn))
		return "", diags
	}
	return arn, diags
}
