package review

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/camkit/camkit/policy"
)

//go:embed report.html.tmpl
var htmlTemplateText string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "unknown"
		}
		return t.UTC().Format("2006-01-02 15:04 MST")
	},
}).Parse(htmlTemplateText))

// WriteHTML writes the report as one self-contained HTML page: no network
// access, inline CSS, SVG and script. It has a severity summary, a heat map of
// principals × services coloured by the highest access level granted,
// key-age and last-use timelines, and the findings table with filters by
// severity, check and text. All account text is escaped by html/template.
func (r *Report) WriteHTML(w io.Writer) error {
	if err := htmlTemplate.Execute(w, r.htmlData()); err != nil {
		return fmt.Errorf("review: writing HTML: %w", err)
	}
	return nil
}

type htmlBar struct {
	Severity string
	Count    int
	Width    int
	Y        int
}

type htmlCell struct {
	Level string
	Class string
}

type htmlHeatRow struct {
	Kind, Name string
	Cells      []htmlCell
}

type htmlKey struct {
	User, ID           string
	AgeDays, IdleDays  int
	BarWidth, IdleX, Y int
	Active, NeverUsed  bool
	Class              string
}

type htmlData struct {
	R          *Report
	Title      string
	Bars       []htmlBar
	Services   []string
	Heat       []htmlHeatRow
	Keys       []htmlKey
	KeysHeight int
	Checks     []string
	Severities []string
}

func (r *Report) htmlData() htmlData {
	d := htmlData{R: r, Title: "Access review, " + r.Generated.UTC().Format("2006-01-02")}
	c := r.Counts()
	top := 1
	for _, n := range c {
		top = max(top, n)
	}
	for i, s := 0, Critical; s >= Info; i, s = i+1, s-1 {
		d.Bars = append(d.Bars, htmlBar{Severity: s.String(), Count: c[s], Width: c[s] * 300 / top, Y: i * 22})
		d.Severities = append(d.Severities, s.String())
	}
	svc := map[string]bool{}
	for _, row := range r.Access {
		for s := range row.Services {
			svc[s] = true
		}
	}
	for s := range svc {
		d.Services = append(d.Services, s)
	}
	slices.Sort(d.Services)
	for _, row := range r.Access {
		hr := htmlHeatRow{Kind: string(row.Kind), Name: row.Name}
		for _, s := range d.Services {
			lvl, ok := row.Services[s]
			if !ok {
				hr.Cells = append(hr.Cells, htmlCell{Class: "l0"})
				continue
			}
			hr.Cells = append(hr.Cells, htmlCell{Level: lvl.String(), Class: levelClass(lvl)})
		}
		d.Heat = append(d.Heat, hr)
	}
	y := 0
	for _, u := range r.Users {
		for _, k := range u.Keys {
			hk := htmlKey{User: u.User, ID: k.ID, AgeDays: k.AgeDays, Active: k.Active, Y: y*20 + 30}
			hk.BarWidth = min(k.AgeDays, 400) // the axis ends at 360+ days
			if k.LastUsed.IsZero() {
				hk.NeverUsed = true
			} else {
				hk.IdleDays = max(0, days(r.Generated.Sub(k.LastUsed)))
				hk.IdleX = 120 + min(hk.IdleDays, 400)
			}
			switch {
			case !k.Active:
				hk.Class = "inactive"
			case k.AgeDays >= 90:
				hk.Class = "old"
			default:
				hk.Class = "ok"
			}
			d.Keys = append(d.Keys, hk)
			y++
		}
	}
	d.KeysHeight = y*20 + 50
	checks := map[string]bool{}
	for _, f := range r.Findings {
		checks[f.Check] = true
	}
	for c := range checks {
		d.Checks = append(d.Checks, c)
	}
	slices.Sort(d.Checks)
	return d
}

func levelClass(l policy.AccessLevel) string {
	return "l" + strings.ToLower(strings.ReplaceAll(l.String(), " ", ""))
}
