package acctest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

var (
	openTofuOnce sync.Once
	isOpenTofu   bool
)

// SkipOnOpenTofu skips a test of what OpenTofu lacks (resource identity,
// list resources and terraform query) when the CLI the tests run is
// OpenTofu: its version numbers would pass a Terraform version check.
func SkipOnOpenTofu(t *testing.T) {
	t.Helper()
	setupTerraform()
	openTofuOnce.Do(func() {
		path := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if path == "" {
			return
		}
		out, err := exec.Command(path, "version").Output()
		isOpenTofu = err == nil && strings.Contains(string(out), "OpenTofu")
	})
	if isOpenTofu {
		t.Skip("OpenTofu has no resource identity, list resources or terraform query")
	}
}
