package jsonld

import (
	"time"

	"github.com/furusato/furusato/internal/config"
	"github.com/furusato/furusato/internal/site"
)

// ldEvent is a schema.org Event: what search engines show of an event of
// an events section (config.KindEvents).
type ldEvent struct {
	Type           string      `json:"@type"`
	ID             string      `json:"@id"`
	Name           string      `json:"name"`
	Description    string      `json:"description,omitempty"`
	URL            string      `json:"url"`
	InLanguage     string      `json:"inLanguage"`
	Image          string      `json:"image,omitempty"`
	StartDate      string      `json:"startDate"`
	EndDate        string      `json:"endDate,omitempty"`
	EventStatus    string      `json:"eventStatus"`
	AttendanceMode string      `json:"eventAttendanceMode"`
	Location       []any       `json:"location,omitempty"`
	Offers         *ldOffer    `json:"offers,omitempty"`
	Organizer      ldOrganizer `json:"organizer"`
}

type ldPlace struct {
	Type    string `json:"@type"`
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
}

type ldVirtualLocation struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldOffer struct {
	Type          string `json:"@type"`
	Price         *int64 `json:"price,omitempty"`
	PriceCurrency string `json:"priceCurrency,omitempty"`
	URL           string `json:"url,omitempty"`
	ValidThrough  string `json:"validThrough,omitempty"`
	Availability  string `json:"availability,omitempty"`
}

type ldOrganizer struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// event is the structured data of an event's page. Dates without a time
// are days (2027-02-10); times carry the site's offset
// (2027-02-10T14:00:00+09:00), as search engines ask.
func event(s *site.Site, lang *config.Language, p *site.Page, image string) ldEvent {
	e := p.Event
	loc := s.Config.Location
	when := func(t time.Time) string {
		if e.AllDay {
			return t.In(loc).Format("2006-01-02")
		}
		return t.In(loc).Format(time.RFC3339)
	}
	ev := ldEvent{
		Type: "Event", ID: p.Permalink + "#event", Name: p.Title, Description: p.Description,
		URL: p.Permalink, InLanguage: lang.Code, Image: image,
		StartDate:   when(e.Start),
		EventStatus: "https://schema.org/EventScheduled",
		Organizer:   ldOrganizer{Type: "GovernmentOrganization", Name: cmpOr(lang.Office, lang.Title), URL: s.Config.Contact.URL},
	}
	if !e.End.IsZero() {
		ev.EndDate = when(e.End)
	}
	place := e.Venue != "" || e.Address != ""
	switch {
	case place && e.Online:
		ev.AttendanceMode = "https://schema.org/MixedEventAttendanceMode"
	case e.Online:
		ev.AttendanceMode = "https://schema.org/OnlineEventAttendanceMode"
	default:
		ev.AttendanceMode = "https://schema.org/OfflineEventAttendanceMode"
	}
	if place {
		ev.Location = append(ev.Location, ldPlace{Type: "Place", Name: cmpOr(e.Venue, e.Address), Address: e.Address})
	}
	if e.Online {
		ev.Location = append(ev.Location, ldVirtualLocation{Type: "VirtualLocation", URL: cmpOr(e.JoinURL, cmpOr(e.Registration, p.Permalink))})
	}
	if e.HasFeeYen || e.Registration != "" {
		o := &ldOffer{Type: "Offer", URL: e.Registration}
		if e.HasFeeYen {
			price := e.FeeYen
			o.Price, o.PriceCurrency = &price, "JPY"
		}
		if !e.Deadline.IsZero() {
			o.ValidThrough = e.Deadline.In(loc).Format(time.RFC3339)
		}
		ev.Offers = o
	}
	return ev
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
