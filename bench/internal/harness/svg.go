package harness

import (
	"fmt"
	"io"
	"math"
	"strings"
)

var colors = map[string]string{
	ECSX.Key:          "#d6336c",
	NoopSchema.Key:    "#f08c00",
	Noop.Key:          "#1c7ed6",
	TerraformData.Key: "#868e96",
}

// WriteSVG draws wall time against N, one panel per phase, ecsx beside both
// floors, on log-log axes.
func WriteSVG(w io.Writer, r *Report) error {
	const (
		pw, ph     = 300.0, 250.0 // panel
		left, top  = 55.0, 30.0   // plot offset inside a panel
		plotW      = 225.0
		plotH      = 170.0
		legendH    = 40.0
		titleH     = 30.0
		totalWidth = 4 * pw
	)
	ns := r.Meta.Ns
	if len(ns) == 0 {
		return fmt.Errorf("no sizes to draw")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range r.Cells {
		if c.MedianMs > 0 {
			lo, hi = math.Min(lo, c.MedianMs/1000), math.Max(hi, c.MedianMs/1000)
		}
	}
	if math.IsInf(lo, 1) {
		return fmt.Errorf("no times to draw")
	}
	ylo, yhi := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if yhi == ylo {
		yhi++
	}
	xlo, xhi := math.Log10(float64(ns[0])), math.Log10(float64(ns[len(ns)-1]))
	if xhi == xlo {
		xhi++
	}
	x := func(n int) float64 { return left + (math.Log10(float64(n))-xlo)/(xhi-xlo)*plotW }
	y := func(s float64) float64 { return top + plotH - (math.Log10(s)-ylo)/(yhi-ylo)*plotH }

	var b strings.Builder
	height := titleH + ph + legendH
	limitsTop := height
	if len(r.Limits) > 0 {
		height += limitsHeight(len(r.Limits))
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="11">`+"\n",
		totalWidth, height, totalWidth, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="14" font-weight="bold">Wall time of terraform (s, log scale) against the number of clusters N (log scale); median of %d runs, -parallelism=%d, Terraform %s</text>`+"\n",
		r.Meta.Runs, r.Meta.Parallelism, r.Meta.Terraform)
	for i, p := range Phases {
		fmt.Fprintf(&b, `<g transform="translate(%.0f,%.0f)">`+"\n", float64(i)*pw, titleH)
		fmt.Fprintf(&b, `<text x="%.0f" y="15" text-anchor="middle" font-weight="bold">%s</text>`+"\n", left+plotW/2, phaseLabel(p))
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="none" stroke="#adb5bd"/>`+"\n", left, top, plotW, plotH)
		for e := ylo; e <= yhi; e++ {
			v := math.Pow(10, e)
			fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#e9ecef"/>`+"\n", left, left+plotW, y(v), y(v))
			fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end" dy="4">%s</text>`+"\n", left-4, y(v), trim(v))
		}
		for _, n := range ns {
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.0f" y2="%.0f" stroke="#e9ecef"/>`+"\n", x(n), x(n), top, top+plotH)
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%d</text>`+"\n", x(n), top+plotH+14, n)
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">N</text>`+"\n", left+plotW/2, top+plotH+30)
		for _, s := range Subjects {
			var pts []string
			for _, n := range ns {
				c, ok := Find(r.Cells, s.Key, p, n)
				if !ok || c.MedianMs <= 0 {
					continue
				}
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(n), y(c.MedianMs/1000)))
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s N=%d: %.2f s</title></circle>`+"\n",
					x(n), y(c.MedianMs/1000), colors[s.Key], s.Label, n, c.MedianMs/1000)
			}
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), colors[s.Key])
			}
		}
		fmt.Fprintln(&b, `</g>`)
	}
	ly := titleH + ph + 15
	for i, s := range Subjects {
		lx := 20 + float64(i)*300
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.0f" y2="%.0f" stroke="%s" stroke-width="3"/>`+"\n", lx, lx+25, ly, ly, colors[s.Key])
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" dy="4">%s</text>`+"\n", lx+32, ly, s.Label)
	}
	if len(r.Limits) > 0 {
		writeLimitsBars(&b, r, limitsTop, totalWidth)
	}
	fmt.Fprintln(&b, `</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

const limitsRowH = 18.0

func limitsHeight(rows int) float64 { return 50 + float64(rows)*limitsRowH + 20 }

var variantColors = map[string]string{
	VariantECSX:       "#d6336c",
	VariantBaseline:   "#495057",
	VariantBucketsOff: "#f08c00",
}

// writeLimitsBars draws the real-limits scenario below the panels: one bar
// per phase and variant with its wall time, and a black tick at its floor,
// on a log scale.
func writeLimitsBars(b *strings.Builder, r *Report, top, width float64) {
	const labelW, right = 330.0, 60.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, lr := range r.Limits {
		for _, v := range []float64{lr.WallMs / 1000, lr.FloorMs / 1000} {
			if v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return
	}
	xlo, xhi := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if xhi == xlo {
		xhi++
	}
	plotW := width - labelW - right
	x := func(s float64) float64 { return labelW + (math.Log10(s)-xlo)/(xhi-xlo)*plotW }
	latency := int64(0)
	if r.Meta.LimitsOptions != nil {
		latency = r.Meta.LimitsOptions.LatencyMs
	}
	fmt.Fprintf(b, `<text x="10" y="%.0f" font-size="14" font-weight="bold">Real ECS limits (buckets of internal/ecslimits, %d ms per call): wall time (bar, s, log scale) and the floor the buckets allow (black tick); one run each</text>`+"\n", top+20, latency)
	y0 := top + 40
	for e := xlo; e <= xhi; e++ {
		v := math.Pow(10, e)
		fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%.0f" y2="%.0f" stroke="#e9ecef"/>`+"\n", x(v), x(v), y0, y0+float64(len(r.Limits))*limitsRowH)
		fmt.Fprintf(b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s s</text>`+"\n", x(v), y0+float64(len(r.Limits))*limitsRowH+14, trim(v))
	}
	for i, lr := range r.Limits {
		y := y0 + float64(i)*limitsRowH
		label := fmt.Sprintf("%s N=%d p=%d, %s", limitsLabel(lr), lr.N, lr.Parallelism, lr.Variant)
		fmt.Fprintf(b, `<text x="%.0f" y="%.1f" text-anchor="end" dy="4">%s</text>`+"\n", labelW-8, y+limitsRowH/2, label)
		if w := lr.WallMs / 1000; w > 0 {
			x0 := x(math.Pow(10, xlo))
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %.2f s, floor %.2f s, %s, %d throttled</title></rect>`+"\n",
				x0, y+3, math.Max(1, x(w)-x0), limitsRowH-6, variantColors[lr.Variant], label, w, lr.FloorMs/1000, limitsReads(lr), lr.Throttled)
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" dy="4">%.2f s</text>`+"\n", x(w)+4, y+limitsRowH/2, w)
		}
		if f := lr.FloorMs / 1000; f > 0 {
			fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="black" stroke-width="2"/>`+"\n", x(f), x(f), y+1, y+limitsRowH-1)
		}
	}
}
