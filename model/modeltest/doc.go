// Package modeltest makes valid random and large portfolios, and reads the
// sample one, for the tests and benchmarks of model, model/store and their
// users. A seed gives the same portfolio every time.
package modeltest
