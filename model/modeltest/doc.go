// Package modeltest makes valid random and large portfolios for the tests
// and benchmarks of model, model/store and their users. A seed gives the
// same portfolio every time.
package modeltest
