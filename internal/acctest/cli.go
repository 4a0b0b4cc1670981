package acctest

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	openTofuOnce sync.Once
	openTofu     bool
)

// OnOpenTofu reports whether the CLI of the tests (TF_ACC_TERRAFORM_PATH) is
// OpenTofu. plugin-testing's version checks compare version numbers only,
// and OpenTofu's numbers do not say which of Terraform's features it has.
func OnOpenTofu() bool {
	openTofuOnce.Do(func() {
		setupTerraform()
		path := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if path == "" {
			return
		}
		out, err := exec.Command(path, "version").Output()
		openTofu = err == nil && strings.Contains(string(out), "OpenTofu v")
	})
	return openTofu
}

// SkipOnOpenTofu skips a test of a feature that Terraform has and OpenTofu
// has not, naming the feature.
func SkipOnOpenTofu(t *testing.T, feature string) {
	t.Helper()
	if OnOpenTofu() {
		t.Skipf("OpenTofu has no %s", feature)
	}
}

// ignoreMissingCLIConfig unsets TF_CLI_CONFIG_FILE when it names a file that
// does not exist: such a file configures nothing, but OpenTofu >= 1.12 then
// prints a warning before its version on stdout, which plugin-testing fails
// to parse.
func ignoreMissingCLIConfig() {
	f := os.Getenv("TF_CLI_CONFIG_FILE")
	if f == "" {
		return
	}
	if _, err := os.Stat(f); errors.Is(err, fs.ErrNotExist) {
		_ = os.Unsetenv("TF_CLI_CONFIG_FILE")
	}
}

// PinnedTerraform is the Terraform CLI of the tests: TF_ACC_TERRAFORM_PATH,
// else bin/terraform of the module (which make test builds). The test
// skips, saying so, when that CLI does not run.
func PinnedTerraform(t testing.TB) string {
	t.Helper()
	p := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if p == "" {
		p = filepath.Join(ModuleRoot(t), "bin", "terraform")
	}
	if _, err := exec.Command(p, "version").Output(); err != nil {
		t.Skipf("terraform not found at %s (make test builds bin/terraform): %v", p, err)
	}
	return p
}
