package provider

import (
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
)

// The version given to New (main.version, stamped at build time) is the one
// the provider reports to Terraform.
func TestProviderMetadataVersion(t *testing.T) {
	var resp fwprovider.MetadataResponse
	New("1.2.3")().Metadata(t.Context(), fwprovider.MetadataRequest{}, &resp)
	if resp.TypeName != "ecsx" {
		t.Errorf("TypeName = %q, want ecsx", resp.TypeName)
	}
	if resp.Version != "1.2.3" {
		t.Errorf("Version = %q, want 1.2.3", resp.Version)
	}
}
