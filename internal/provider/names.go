package provider

import (
	"fmt"
	"sync"
	"time"
)

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
