package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Size of the news post's lead illustration.
const (
	leadWidth  = 1600
	leadHeight = 900
)

// leadIllustration paints the abstract picture that heads the news post: two
// overlapping discs, teal and ochre, each ringed by two thin circles, above a
// row of twenty small dots, on a pale gradient. It has no text, no flags and
// nothing photographic, and the same bytes come out on every run.
func leadIllustration() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, leadWidth, leadHeight))
	top := rgb{0.965, 0.945, 0.910}    // pale sand
	bottom := rgb{0.870, 0.905, 0.925} // pale blue-grey
	teal := rgb{0.184, 0.498, 0.525}
	ochre := rgb{0.827, 0.604, 0.227}
	line := rgb{0.420, 0.455, 0.490}
	type disc struct {
		x, y, r float64
		fill    rgb
		alpha   float64
	}
	discs := []disc{
		{640, 420, 250, teal, 0.88},
		{960, 460, 250, ochre, 0.72},
	}
	for y := 0; y < leadHeight; y++ {
		fy := float64(y) + 0.5
		c := top.mix(bottom, fy/leadHeight)
		for x := 0; x < leadWidth; x++ {
			fx := float64(x) + 0.5
			px := c
			for _, d := range discs {
				dist := math.Sqrt((fx-d.x)*(fx-d.x) + (fy-d.y)*(fy-d.y))
				if dist > d.r+90 {
					continue
				}
				for _, ring := range [...]float64{d.r + 45, d.r + 85} {
					if a := coverage(1.25 - math.Abs(dist-ring)); a > 0 {
						px = px.mix(line, 0.45*a)
					}
				}
				if a := coverage(d.r - dist); a > 0 {
					px = px.mix(d.fill, d.alpha*a)
				}
			}
			img.SetRGBA(x, y, px.rgba())
		}
	}
	// Twenty dots along a shallow arc: drawn in their own boxes, which is far
	// cheaper than testing every pixel against each of them.
	for i := range 20 {
		t := float64(i) / 19
		cx := 440 + t*720
		cy := 858 - 28*math.Sin(math.Pi*t)
		const r = 8.0
		for y := int(cy - r - 2); y <= int(cy+r+2); y++ {
			for x := int(cx - r - 2); x <= int(cx+r+2); x++ {
				dist := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
				a := coverage(r - dist)
				if a == 0 {
					continue
				}
				p := img.RGBAAt(x, y)
				base := rgb{float64(p.R) / 255, float64(p.G) / 255, float64(p.B) / 255}
				img.SetRGBA(x, y, base.mix(line, a).rgba())
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode illustration: %w", err)
	}
	return buf.Bytes(), nil
}

// coverage turns a signed distance in pixels (positive inside) into the share
// of a pixel covered, which smooths the edges.
func coverage(d float64) float64 {
	return clamp(d + 0.5)
}

// clamp limits v to [0, 1]; unlike math.Max and math.Min it need not care
// about NaN, which the drawing never makes, and it is much faster.
func clamp(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

type rgb struct{ r, g, b float64 }

func (c rgb) mix(o rgb, t float64) rgb {
	return rgb{c.r + (o.r-c.r)*t, c.g + (o.g-c.g)*t, c.b + (o.b-c.b)*t}
}

func (c rgb) rgba() color.RGBA {
	to8 := func(v float64) uint8 { return uint8(clamp(v)*255 + 0.5) }
	return color.RGBA{to8(c.r), to8(c.g), to8(c.b), 255}
}
