package provider

import (
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// nameSuffixLength is the length of the unique suffix added to name_prefix.
const nameSuffixLength = 26

// generatedNamePattern matches a name made by uniqueName: a prefix, then
// 20 digits of time and 6 hexadecimal digits of a counter.
var generatedNamePattern = regexp.MustCompile(`^([A-Za-z0-9_-]+?)\d{20}[0-9a-f]{6}$`)

var (
	uniqueNameMu      sync.Mutex
	uniqueNameCounter uint32
)

// uniqueName returns prefix followed by nameSuffixLength characters: the UTC
// time to the microsecond (20 digits) and a 6-digit hexadecimal counter, so
// that names generated in the same process never collide and sort by age.
func uniqueName(prefix string) string {
	uniqueNameMu.Lock()
	defer uniqueNameMu.Unlock()
	ts := time.Now().UTC().Format("20060102150405.000000")
	ts = ts[:14] + ts[15:]
	uniqueNameCounter = (uniqueNameCounter + 1) & 0xffffff
	return fmt.Sprintf("%s%s%06x", prefix, ts, uniqueNameCounter)
}

// namePrefixOf returns the prefix of a name made from name_prefix, null for
// any other name.
func namePrefixOf(name string) types.String {
	if m := generatedNamePattern.FindStringSubmatch(name); m != nil && validators.ValidNamePrefix(m[1], nameSuffixLength) {
		return types.StringValue(m[1])
	}
	return types.StringNull()
}

// planNamePrefix plans name_prefix when the configuration leaves it out:
// the prior state's (a prefix found on import) while the name is the prior
// state's, else none.
func planNamePrefix(plan, config, state map[string]tftypes.Value) {
	if !config["name_prefix"].IsNull() {
		return
	}
	null := tftypes.NewValue(tftypes.String, nil)
	if state != nil && plan["name"].IsKnown() && plan["name"].Equal(state["name"]) {
		plan["name_prefix"] = state["name_prefix"]
		return
	}
	plan["name_prefix"] = null
}

// clusterNameLocks serialises, per region and cluster name, the check that
// a cluster does not exist yet and its CreateCluster call, within one
// provider process.
var clusterNameLocks sync.Map // region + "/" + name -> *sync.Mutex

// lockClusterName takes the lock of a cluster name in a region and returns
// the function that releases it; calling it again does nothing.
func lockClusterName(region, name string) func() {
	v, _ := clusterNameLocks.LoadOrStore(region+"/"+name, &sync.Mutex{})
	mu, _ := v.(*sync.Mutex)
	mu.Lock()
	var once sync.Once
	return func() { once.Do(mu.Unlock) }
}
