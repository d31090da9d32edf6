package valuation

import "math"

// Gauss-Legendre points (abscissae in (-1, 0) and weights) of Genz's BVNU.
var (
	glW = [3][]float64{
		{0.1713244923791705, 0.3607615730481384, 0.4679139345726904},
		{0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029},
		{0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404, 0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259},
	}
	glX = [3][]float64{
		{-0.9324695142031522, -0.6612093864662647, -0.2386191860831970},
		{-0.9815606342467191, -0.9041172563704750, -0.7699026741943050, -0.5873179542866171, -0.3678314989981802, -0.1252334085114692},
		{-0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188, -0.7463319064601508, -0.6360536807265150, -0.5108670019508271, -0.3737060887154196, -0.2277858511416451, -0.07652652113349733},
	}
)

// bivariateNormal returns M(a, b; rho) = P(X <= a, Y <= b) for standard
// normal X, Y with correlation rho in [-1, 1], by Genz's algorithm
// (Drezner-Wesolowsky with Gauss-Legendre quadrature, "Numerical
// computation of rectangular bivariate and trivariate normal and t
// probabilities", Statistics and Computing 14, 2004), accurate to about
// 1e-15.
func bivariateNormal(a, b, rho float64) float64 {
	return bvnu(-a, -b, rho)
}

// bvnu returns P(X > h, Y > k) with correlation r (Genz's BVNU).
func bvnu(h, k, r float64) float64 {
	switch {
	case math.IsInf(h, -1) && math.IsInf(k, -1):
		return 1
	case math.IsInf(h, 1) || math.IsInf(k, 1):
		return 0
	case math.IsInf(h, -1):
		return normCDF(-k)
	case math.IsInf(k, -1):
		return normCDF(-h)
	}
	ng := 2
	if math.Abs(r) < 0.3 {
		ng = 0
	} else if math.Abs(r) < 0.75 {
		ng = 1
	}
	w, x := glW[ng], glX[ng]
	hk := h * k
	var bvn float64
	if math.Abs(r) < 0.925 {
		hs := (h*h + k*k) / 2
		asr := math.Asin(r)
		for i := range w {
			sn := math.Sin(asr * (x[i] + 1) / 2)
			bvn += w[i] * math.Exp((sn*hk-hs)/(1-sn*sn))
			sn = math.Sin(asr * (-x[i] + 1) / 2)
			bvn += w[i] * math.Exp((sn*hk-hs)/(1-sn*sn))
		}
		return bvn*asr/(4*math.Pi) + normCDF(-h)*normCDF(-k)
	}
	if r < 0 {
		k = -k
		hk = -hk
	}
	if math.Abs(r) < 1 {
		as := (1 - r) * (1 + r)
		a := math.Sqrt(as)
		bs := (h - k) * (h - k)
		c := (4 - hk) / 8
		d := (12 - hk) / 16
		bvn = a * math.Exp(-(bs/as+hk)/2) * (1 - c*(bs-as)*(1-d*bs/5)/3 + c*d*as*as/5)
		if hk > -160 {
			bb := math.Sqrt(bs)
			bvn -= math.Exp(-hk/2) * math.Sqrt(2*math.Pi) * normCDF(-bb/a) * bb * (1 - c*bs*(1-d*bs/5)/3)
		}
		a /= 2
		for i := range w {
			for _, sgn := range [2]float64{-1, 1} {
				xs := a * (sgn*x[i] + 1)
				xs *= xs
				rs := math.Sqrt(1 - xs)
				asr := -(bs/xs + hk) / 2
				if asr > -100 {
					bvn += a * w[i] * math.Exp(asr) * (math.Exp(-hk*xs/(2*(1+rs)*(1+rs)))/rs - (1 + c*xs*(1+d*xs)))
				}
			}
		}
		bvn = -bvn / (2 * math.Pi)
	}
	if r > 0 {
		return bvn + normCDF(-math.Max(h, k))
	}
	return -bvn + math.Max(0, normCDF(-h)-normCDF(-k))
}
