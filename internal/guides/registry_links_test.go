package guides

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// repositoryPath matches a path of the repository written as code or as a
// relative link (`examples/ec2-capacity`, [x](../../examples/x)), which
// means nothing on the registry, where only docs/ is published.
var repositoryPath = regexp.MustCompile("(`|\\]\\()(\\.\\./)*(examples|internal|cmd|scripts|templates|bench)/[^ )`]*")

// The registry pages (docs/) point at examples and other repository files
// with full URLs, or show them inline, never by a bare repository path.
func TestRegistryDocs_noRepositoryPaths(t *testing.T) {
	root := filepath.Join(acctest.ModuleRoot(t), "docs")
	pages := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		pages++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range repositoryPath.FindAllString(line, -1) {
				rel, _ := filepath.Rel(filepath.Dir(root), path)
				t.Errorf("%s:%d: %s is a repository path; the registry shows docs/ only: link it with https://github.com/ecsx/terraform-provider-ecsx/... or inline it", rel, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("found %d pages under docs/", pages)
	}
}
