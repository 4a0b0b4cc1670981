package provider

import (
	"context"
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

// generatedNamePattern matches a name made by names.unique: a prefix, then
// 20 digits of time and 6 hexadecimal digits of a counter.
var generatedNamePattern = regexp.MustCompile(`^([A-Za-z0-9_-]+?)\d{20}[0-9a-f]{6}$`)

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

// clusterNames makes the unique names of clusters and capacity providers
// (name_prefix) and holds the cluster name locks of one provider
// configuration. Its zero value is ready.
type clusterNames struct {
	mu      sync.Mutex
	counter uint32
	locks   map[string]*nameLock // region + "/" + name
}

// nameLock is the lock of one cluster name: a slot taken by its holder,
// with the number of those that hold or wait for it, so that the lock is
// forgotten when nobody needs it.
type nameLock struct {
	slot  chan struct{}
	users int
}

// unique returns prefix followed by nameSuffixLength characters: the UTC
// time to the microsecond (20 digits) and a 6-digit hexadecimal counter, so
// that the names one provider configuration generates never collide and
// sort by age.
func (n *clusterNames) unique(prefix string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	ts := time.Now().UTC().Format("20060102150405.000000")
	ts = ts[:14] + ts[15:]
	n.counter = (n.counter + 1) & 0xffffff
	return fmt.Sprintf("%s%s%06x", prefix, ts, n.counter)
}

// lock takes the lock of a cluster name in a region, which serialises the
// check that a cluster does not exist yet and its CreateCluster call within
// one provider configuration, and returns the function that releases it;
// calling that again does nothing. Waiting for the lock ends with an error
// when ctx ends first.
func (n *clusterNames) lock(ctx context.Context, region, name string) (func(), error) {
	key := region + "/" + name
	n.mu.Lock()
	if n.locks == nil {
		n.locks = map[string]*nameLock{}
	}
	l := n.locks[key]
	if l == nil {
		l = &nameLock{slot: make(chan struct{}, 1)}
		n.locks[key] = l
	}
	l.users++
	n.mu.Unlock()
	leave := func() {
		n.mu.Lock()
		if l.users--; l.users == 0 {
			delete(n.locks, key)
		}
		n.mu.Unlock()
	}
	select {
	case l.slot <- struct{}{}:
	case <-ctx.Done():
		leave()
		return nil, fmt.Errorf("gave up waiting for another create of cluster %q in %s in this run to finish: %w", name, region, context.Cause(ctx))
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-l.slot
			leave()
		})
	}, nil
}
