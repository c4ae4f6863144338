// Package benchlib is the benchmark library, Go flavour.
package benchlib

import "strings"

func Add(a, b int64) int64 { return a + b }

func Echo(x any) any { return x }

func Shout(s string) string { return strings.ToUpper(s) + "!" }
