package valuation

import "math"

// The normal distribution of the boundary method's quadrature points:
// every point of the fixed-point integrals needs Phi(d) and, for Newton's
// Jacobian, phi(d) at the same d. math.Erfc takes two calls of math.Exp in
// the tails (it splits exp(-x^2) to keep its last bits), and phi a third;
// with the rational Chebyshev approximations of W. J. Cody ("Rational
// Chebyshev approximations for the error function", Mathematics of
// Computation 23(107), 1969, 631-637; the coefficients of his CALERF),
// erfc(y) = exp(-y^2) R(y) for y > 0.46875, so one exp gives both Phi and
// phi, and that exp is fastExp's. exp(-x^2/2) without the split is within about x^2 1e-16 relative
// (7e-14 at |x| = 37, below which phi is kept), far below what the
// boundary needs: Phi is within 3e-16 (1 + x^2) relative of the exact
// value (measured 5.7e-14 at x = -33.7, where 0.5 math.Erfc(-x/sqrt 2) is
// 1.8e-13 off; TestNormCDFPDF).

// Cody's coefficients: erf on |y| <= 0.46875 (codyA, codyB), erfc e^{y^2}
// on 0.46875-4 (codyC, codyD) and, in 1/y^2, beyond 4 (codyP, codyQ).
var (
	codyA = [5]float64{3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1}
	codyB = [4]float64{2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03}
	codyC = [9]float64{5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8}
	codyD = [8]float64{1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03}
	codyP = [6]float64{3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2}
	codyQ = [5]float64{2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3}
)

// oneOverSqrtPi is 1/sqrt(pi), and sqrtHalfPi sqrt(pi/2).
const (
	oneOverSqrtPi = 0.56418958354775628694807945156077258584405062932900
	sqrtHalfPi    = 1.25331413731550025120788264240552262650349337030496
)

// cdfPDF returns Phi(x) and phi(x), the standard normal distribution and
// density, with one exp (see above); phi is 0 where it is below 1e-300
// (|x| > 37, like fastPDF), and Phi 0 or 1 beyond |x| = 37.4 (where
// Phi(-|x|) < 3e-306).
func cdfPDF(x float64) (cdf, pdf float64) { return cdfPDFOf(x, ePDF) }

// cdfOf returns Phi(x) from e = phi(x) (not rounded to 0) with no exp of
// its own (Cody's erfc e^{y^2} times e in the tails).
func cdfOf(x, e float64) float64 {
	c, _ := cdfPDFOf(x, e)
	return c
}

// The e of cdfPDFOf that asks it to compute phi: always (ePDF), or only
// where Phi needs it, outside the central range (eCDF; pdf is then not
// returned there).
const (
	ePDF = -1
	eCDF = -2
)

// cdfPDFOf is cdfPDF with phi(x) = e given (not rounded to 0), or computed
// (e = ePDF or eCDF). With e given it takes no exp.
func cdfPDFOf(x, e float64) (cdf, pdf float64) {
	x2 := x * x
	if x2 > 1400 {
		if x > 0 {
			return 1, 0
		}
		return 0, 0
	}
	y := math.Abs(x) * invSqrt2
	if e == ePDF || e == eCDF && y > codyCentral && x < cdfOne {
		e = invSqrt2Pi * fastExp(-0.5*x2)
	}
	if x2 <= 1380 {
		pdf = e
	}
	if x >= cdfOne {
		return 1, pdf
	}
	if y <= codyCentral {
		z := y * y
		num := codyA[4] * z
		den := z
		num = (num + codyA[0]) * z
		den = (den + codyB[0]) * z
		num = (num + codyA[1]) * z
		den = (den + codyB[1]) * z
		num = (num + codyA[2]) * z
		den = (den + codyB[2]) * z
		erf := x * invSqrt2 * (num + codyA[3]) / (den + codyB[3])
		return 0.5 + 0.5*erf, pdf
	}
	var tail float64 // Phi(-|x|) = erfc(y)/2
	if y <= 4 {
		// Horner's rule written out (the loop's overhead was a sixth of
		// the function), in the order of CALERF.
		c, d := &codyC, &codyD
		num := ((((((((c[8]*y+c[0])*y+c[1])*y+c[2])*y+c[3])*y+c[4])*y+c[5])*y+c[6])*y + c[7])
		den := ((((((((y+d[0])*y+d[1])*y+d[2])*y+d[3])*y+d[4])*y+d[5])*y+d[6])*y + d[7])
		// erfc(y)/2 = e^{-y^2} C/D / 2 = phi(x) sqrt(pi/2) C/D.
		tail = e * sqrtHalfPi * num / den
	} else {
		z := 1 / (y * y)
		num := codyP[5] * z
		den := z
		for i := 0; i < 4; i++ {
			num = (num + codyP[i]) * z
			den = (den + codyQ[i]) * z
		}
		r := z * (num + codyP[4]) / (den + codyQ[4])
		tail = e * sqrtHalfPi * (oneOverSqrtPi - r) / y
	}
	if x < 0 {
		return tail, pdf
	}
	return 1 - tail, pdf
}

// codyCentral is the end of the central range of Cody's erf, y <= 0.46875
// (|x| <= 0.663), where Phi takes no exp.
const codyCentral = 0.46875

// cdfOne is where Phi rounds to 1: Phi(-8.3) = 5.2e-17 is below half an
// ulp of 1 (2^-54 = 5.6e-17), so 1 - Phi(-x) rounds to 1 for x >= 8.3,
// and cdfPDF and fastCDF return it without the rational function (and
// fastCDF without the exp); the boundary's integrals sample Phi(d+) and
// Phi(d-) there at many points when sigma is small against r and r - q.
const cdfOne = 8.3

// fastCDF is Phi(x) by cdfPDF (one exp, where normCDF's math.Erfc takes two
// in the tails; none in the central range |x| <= 0.663).
func fastCDF(x float64) float64 {
	if x >= cdfOne {
		return 1
	}
	c, _ := cdfPDFOf(x, eCDF)
	return c
}

// expTable holds 2^(j/64), j = 0..63 (math.Exp2, within an ulp).
var expTable = func() (t [64]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 64)
	}
	return t
}()

// fastExp returns e^x for |x| <= 700 by Tang's table-driven method ("Table-
// driven implementation of the exponential function in IEEE floating-point
// arithmetic", ACM Transactions on Mathematical Software 15(2), 1989):
// x = (64k + j) ln2/64 + r with |r| <= ln2/128, e^x = 2^k 2^(j/64) e^r,
// e^r by its Taylor polynomial to r^5 (truncation 3.4e-17) in Estrin's
// form (two short chains instead of one of five steps: with 32 entries
// and the polynomial to r^6 by Horner's rule it took 10% more time);
// within 4.5e-16 relative of math.Exp (TestFastExp), in about half its
// time. Beyond |x| = 700 (and for NaN) it is math.Exp.
func fastExp(x float64) float64 {
	if !(x >= -700 && x <= 700) {
		return math.Exp(x)
	}
	const (
		invL  = 64 / math.Ln2
		ln2Hi = 6.93147180369123816490e-01 / 64 // 32 significant bits: n ln2Hi is exact
		ln2Lo = 1.90821492927058770002e-10 / 64
		magic = 0x1.8p52 // rounds to an integer when added
	)
	t := x*invL + magic
	n := int64(math.Float64bits(t)<<12) >> 12 // the low 52 bits, sign-extended
	fn := t - magic
	r := (x - fn*ln2Hi) - fn*ln2Lo
	r2 := r * r
	p := r + r2*((1.0/2+r*(1.0/6))+r2*(1.0/24+r*(1.0/120)))
	tj := expTable[n&63]
	scale := math.Float64frombits(uint64((n>>6)+1023) << 52)
	return (tj + tj*p) * scale
}
