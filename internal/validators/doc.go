// Package validators holds the ecsx schema validators that
// terraform-plugin-framework-validators does not provide: tag rules, name
// rules with reserved prefixes, cluster setting and execute command
// configuration rules, capacity provider strategy rules and the Service
// Connect namespace name-or-ARN rule.
//
// Every validator skips null and unknown values; object and set validators
// skip each rule whose inputs are not yet known. The rule logic is also
// exported as plain functions (CheckTag, TagRuleViolations, ValidClusterName,
// CheckStrategy, …) so the same rules can be applied at apply time to values
// that were unknown during planning.
package validators
