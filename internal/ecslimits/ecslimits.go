// Package ecslimits is the table of Amazon ECS's API request throttling:
// the token buckets that ECS keeps per account and Region, one per category
// of actions. The sandbox enforces them on request and the provider paces its
// calls with them once the service throttles.
package ecslimits

// Source is the public page that documents the buckets.
const Source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html"

// Category is one token bucket: every action of the category takes a token
// from the same bucket, which holds at most Burst tokens and is refilled
// with Refill tokens per second. A call that finds the bucket empty is
// answered with ThrottlingException.
type Category struct {
	Name       string
	Burst      int
	Refill     float64 // tokens per second
	Operations []string
}

// Categories are the documented buckets of the actions that ecsx uses and
// the sandbox serves.
var Categories = []Category{
	{Name: "cluster modify", Burst: 20, Refill: 1, Operations: []string{
		"CreateCluster", "DeleteCluster", "UpdateCluster", "UpdateClusterSettings", "PutClusterCapacityProviders"}},
	{Name: "cluster read", Burst: 50, Refill: 20, Operations: []string{"DescribeClusters", "ListClusters"}},
	{Name: "capacity provider modify", Burst: 10, Refill: 1, Operations: []string{
		"CreateCapacityProvider", "UpdateCapacityProvider", "DeleteCapacityProvider"}},
	{Name: "capacity provider read", Burst: 50, Refill: 20, Operations: []string{"DescribeCapacityProviders"}},
	{Name: "account setting modify", Burst: 10, Refill: 1, Operations: []string{
		"PutAccountSetting", "PutAccountSettingDefault", "DeleteAccountSetting"}},
	{Name: "account setting read", Burst: 50, Refill: 20, Operations: []string{"ListAccountSettings"}},
	{Name: "tag modify", Burst: 20, Refill: 10, Operations: []string{"TagResource", "UntagResource"}},
	{Name: "tag read", Burst: 50, Refill: 20, Operations: []string{"ListTagsForResource"}},
	{Name: "service modify", Burst: 50, Refill: 5, Operations: []string{"CreateService", "DeleteService", "UpdateService"}},
	{Name: "service read", Burst: 100, Refill: 20, Operations: []string{"DescribeServices", "ListServices"}},
	{Name: "cluster resource modify", Burst: 100, Refill: 40, Operations: []string{
		"DeregisterContainerInstance", "RunTask", "StopTask"}},
	{Name: "cluster resource read", Burst: 100, Refill: 20, Operations: []string{
		"DescribeContainerInstances", "DescribeTasks", "ListContainerInstances", "ListTasks"}},
	{Name: "agent modify", Burst: 200, Refill: 120, Operations: []string{"RegisterContainerInstance"}},
}

var byOperation = func() map[string]*Category {
	m := make(map[string]*Category)
	for i := range Categories {
		for _, op := range Categories[i].Operations {
			m[op] = &Categories[i]
		}
	}
	return m
}()

// ForOperation returns the category of an operation name such as
// "CreateCluster", or nil for an operation outside the table.
func ForOperation(op string) *Category {
	return byOperation[op]
}
