package provider

import (
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ecsClient is the ECS client of one region of a provider configuration,
// with the batchers that share its Describe calls among concurrent reads
// (see batcher). The calls of ecs.Client are made on it directly.
type ecsClient struct {
	*ecs.Client
	// batching is false when ECSX_DEBUG_NO_BATCHING=1 was set at Configure:
	// every read is then its own call.
	batching  bool
	clusters  batcherSlot[ecstypes.Cluster]
	providers batcherSlot[ecstypes.CapacityProvider]
}

func newECSClient(c *ecs.Client, batching bool) *ecsClient {
	return &ecsClient{Client: c, batching: batching}
}

// regionalClients holds one ECS client per region, built on first use from
// the provider's client.
type regionalClients struct {
	mu      sync.Mutex
	clients map[string]*ecsClient
}

// regionOr returns region, or the provider's region when region is empty.
func (d *providerData) regionOr(region string) string {
	if region == "" {
		return d.Region
	}
	return region
}

// ecsIn returns the ECS client of region: the provider's own client for its
// region (or an empty region), otherwise a client with the same credentials,
// endpoint and retries that signs for region. The same region always gets
// the same client, and so the same batchers.
func (d *providerData) ecsIn(region string) *ecsClient {
	region = d.regionOr(region)
	d.regional.mu.Lock()
	defer d.regional.mu.Unlock()
	if c, ok := d.regional.clients[region]; ok {
		return c
	}
	if d.regional.clients == nil {
		d.regional.clients = map[string]*ecsClient{}
	}
	client := d.ECS
	if region != d.Region {
		client = ecs.New(d.ECS.Options(), func(o *ecs.Options) { o.Region = region })
	}
	c := newECSClient(client, !d.debug.noBatching)
	d.regional.clients[region] = c
	return c
}
