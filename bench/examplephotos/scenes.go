package main

// The illustrations, each drawn on 1200 × 800 logical units. They show
// things, never people, and make no claim about real places.

// salmon: salmon swimming up a river towards a small town below hills
// (the salmon model: students who leave come back).
func salmon(c *canvas) {
	c.gradient(0, 0, 1200, 460, "#9fd0ee", "#eaf5fb")
	c.circle(990, 120, 52, "#ffd166")
	c.hills(300, 40, 2.2, 0.4, "#8aa9c1")
	c.hills(370, 30, 3.1, 2.0, "#6f9e5c")
	c.gradient(0, 430, 1200, 370, "#9cc36a", "#7daa4f")
	for i := range 6 { // field rows
		y := float32(470 + i*55)
		c.line(0, y, 1200, y+float32(i*6), 3, "#86a84888")
	}
	// The river, wide in front, narrow where it comes from.
	c.poly("#3d8fc4", 330, 800, 880, 800, 700, 620, 640, 520, 618, 430, 590, 430, 560, 520, 470, 640)
	for _, l := range [][4]float32{{420, 760, 500, 700}, {700, 740, 760, 690}, {560, 640, 600, 600}, {640, 560, 660, 520}} {
		c.line(l[0], l[1], l[2], l[3], 5, "#8fcbeedd")
	}
	// The town on the far bank.
	for i, x := range []float32{470, 520, 650, 700, 745} {
		h := float32(34 + (i%2)*10)
		c.rect(x, 430-h, 38, h, "#f3ead3")
		c.poly("#b5484e", x-5, 430-h, x+19, 430-h-20, x+43, 430-h)
	}
	c.rect(560, 350, 70, 80, "#dfe7ee")
	for r := range 3 {
		for k := range 3 {
			c.rect(568+float32(k)*20, 360+float32(r)*22, 12, 14, "#5b7c99")
		}
	}
	// Salmon heading upstream, larger nearer.
	for _, f := range [][3]float32{{520, 740, 1.6}, {690, 700, 1.4}, {600, 640, 1.1}, {650, 580, 0.8}, {610, 520, 0.6}} {
		x, y, s := f[0], f[1], f[2]
		c.poly("#c8553d", x-12*s, y+34*s, x+12*s, y+34*s, x, y+18*s)
		c.ellipse(x, y, 13*s, 30*s, 0, "#e07a5f")
		c.ellipse(x, y-4*s, 6*s, 20*s, 0, "#f4a58a")
		c.circle(x-4*s, y-20*s, 2.5*s, "#2b2d42")
	}
}

// desk: a desk by a window, with a laptop showing a page laid out like a
// web newspaper, a notebook and a cup; fields and a road outside.
func desk(c *canvas) {
	c.rect(0, 0, 1200, 800, "#f4efe6")
	c.rect(110, 70, 540, 380, "#ffffff")
	c.gradient(130, 90, 500, 200, "#a9d6f5", "#e4f2fb")
	c.poly("#b8cf7a", 130, 290, 630, 250, 630, 430, 130, 430)
	c.poly("#8fb35a", 130, 340, 630, 300, 630, 430, 130, 430)
	c.poly("#9a9a9a", 330, 430, 420, 430, 400, 270, 390, 270)
	c.rect(372, 70, 16, 380, "#ffffff")
	c.rect(110, 250, 540, 14, "#ffffff")
	c.rect(90, 450, 580, 18, "#e2d8c8")
	// The desk.
	c.poly("#b07d4f", 0, 560, 1200, 560, 1200, 800, 0, 800)
	c.rect(0, 560, 1200, 14, "#8c5f3a")
	// The laptop.
	c.round(610, 280, 380, 250, 12, "#2b2f36")
	c.rect(626, 296, 348, 218, "#fdfdfd")
	c.rect(640, 310, 320, 26, "#1d3557")
	c.rect(640, 348, 150, 90, "#a8dadc")
	for i := range 7 {
		c.rect(806, 350+float32(i)*13, 154, 6, "#b0b7c3")
	}
	for i := range 4 {
		c.rect(640, 452+float32(i)*13, 320, 6, "#b0b7c3")
	}
	c.poly("#3a3f47", 580, 530, 1020, 530, 1050, 575, 550, 575)
	// A notebook and a pen, a cup.
	c.poly("#e9c46a", 180, 600, 440, 590, 455, 740, 190, 752)
	for i := range 6 {
		y := float32(620 + i*20)
		c.line(200, y, 435, y-6, 2, "#c9a445")
	}
	c.line(250, 700, 420, 640, 8, "#264653")
	c.round(1060, 620, 80, 100, 10, "#ffffff")
	c.ring(1150, 665, 22, 9, "#ffffff")
	c.ellipse(1100, 622, 38, 9, 0, "#6f4e37")
}

// accountant: a calculator, a calendar and a pot of white runner beans by
// a window with a snowy town outside.
func accountant(c *canvas) {
	c.rect(0, 0, 1200, 800, "#e8eef2")
	c.rect(80, 60, 520, 400, "#ffffff")
	c.gradient(100, 80, 480, 360, "#c9d8e4", "#eef3f7")
	c.hills(330, 18, 1.5, 1.0, "#f7fafc")
	for i, x := range []float32{130, 230, 330, 430, 500} {
		h := float32(50 + (i%3)*15)
		c.rect(x, 380-h, 60, h+60, "#a58e7a")
		c.poly("#ffffff", x-10, 380-h, x+30, 380-h-30, x+70, 380-h)
		c.rect(x+20, 400-h, 16, 18, "#ffe8a3")
	}
	c.rect(100, 410, 480, 30, "#ffffff")
	for i := range 40 {
		x := float32(110 + (i*97)%460)
		y := float32(95 + (i*61)%300)
		c.circle(x, y, 4, "#ffffff")
	}
	c.rect(330, 60, 14, 400, "#ffffff")
	// A calendar on the wall.
	c.rect(720, 70, 360, 300, "#ffffff")
	c.rect(720, 70, 360, 60, "#d62828")
	for r := range 5 {
		for k := range 7 {
			col := "#cfd8dc"
			if (r == 1 && k > 1 && k < 5) || (r == 3 && k == 2) {
				col = "#f4a261"
			}
			c.rect(738+float32(k)*48, 148+float32(r)*42, 36, 30, col)
		}
	}
	// The desk, the calculator, the pot, a cup.
	c.poly("#8d6e63", 0, 540, 1200, 540, 1200, 800, 0, 800)
	c.rect(0, 540, 1200, 12, "#6d4c41")
	c.round(520, 560, 250, 200, 18, "#37474f")
	c.round(545, 580, 200, 44, 6, "#c5e1a5")
	for r := range 3 {
		for k := range 4 {
			c.round(545+float32(k)*52, 640+float32(r)*38, 44, 28, 5, "#eceff1")
		}
	}
	c.poly("#c1666b", 130, 560, 290, 560, 270, 720, 150, 720)
	c.rect(120, 545, 180, 22, "#a8505a")
	for _, s := range [][4]float32{{210, 545, 170, 420}, {210, 545, 250, 400}, {210, 545, 215, 380}} {
		c.line(s[0], s[1], s[2], s[3], 6, "#4f772d")
	}
	for _, l := range [][3]float32{{170, 430, -0.6}, {252, 410, 0.6}, {215, 390, 0}, {190, 480, -0.9}, {235, 470, 0.9}} {
		c.ellipse(l[0], l[1], 26, 14, l[2], "#6a994e")
	}
	for _, f := range [][2]float32{{180, 410}, {240, 392}, {222, 372}, {200, 455}} {
		c.circle(f[0], f[1], 9, "#fdfdfd")
	}
	c.round(900, 620, 90, 110, 12, "#fafafa")
	c.ring(998, 668, 24, 10, "#fafafa")
	c.ellipse(945, 622, 42, 10, 0, "#795548")
}

// curling: a curling sheet seen from above, stones around the house, and
// a camera on a stand whose picture is analysed.
func curling(c *canvas) {
	c.gradient(0, 0, 1200, 800, "#f3f8fc", "#e3eef6")
	c.rect(0, 60, 1200, 10, "#90a4ae")
	c.rect(0, 730, 1200, 10, "#90a4ae")
	cx, cy := float32(780), float32(400)
	c.circle(cx, cy, 240, "#1e88e5")
	c.circle(cx, cy, 160, "#ffffff")
	c.circle(cx, cy, 82, "#e53935")
	c.circle(cx, cy, 26, "#ffffff")
	c.rect(0, cy-2, 1200, 4, "#37474f")
	c.rect(cx-2, 70, 4, 660, "#37474f")
	c.rect(300, 70, 8, 660, "#c62828")
	stone := func(x, y float32, handle string) {
		c.circle(x+4, y+5, 32, "#b0bec588")
		c.circle(x, y, 32, "#78909c")
		c.circle(x, y, 24, "#cfd8dc")
		c.round(x-20, y-7, 40, 14, 6, handle)
	}
	stone(720, 330, "#fdd835")
	stone(850, 455, "#e53935")
	stone(640, 470, "#fdd835")
	stone(470, 300, "#e53935")
	// The analysis: a box around a stone, a track of points.
	c.path(4, "#00bfa5", 800, 410, 900, 410, 900, 500, 800, 500, 800, 410)
	for i := range 9 {
		x := 140 + float32(i)*70
		c.circle(x, 560-float32(i*i)*1.3, 7, "#00bfa5")
	}
	// The camera on its stand.
	c.line(150, 640, 110, 720, 8, "#263238")
	c.line(150, 640, 190, 720, 8, "#263238")
	c.line(150, 640, 150, 725, 8, "#263238")
	c.round(100, 580, 110, 66, 10, "#263238")
	c.circle(190, 613, 22, "#546e7a")
	c.circle(190, 613, 12, "#90caf9")
	c.circle(118, 594, 6, "#ef5350")
}

// road: an ordinary car with a small device on a country road, and above
// it a graph of the road's bumps.
func road(c *canvas) {
	c.gradient(0, 0, 1200, 520, "#b9ddf2", "#f1f8fc")
	c.hills(420, 35, 1.8, 0.8, "#97b38a")
	c.gradient(0, 470, 1200, 100, "#b7cf7f", "#a3c06a")
	c.rect(0, 560, 1200, 140, "#6b6f76")
	c.rect(0, 555, 1200, 8, "#d9d9d9")
	c.rect(0, 697, 1200, 8, "#d9d9d9")
	c.gradient(0, 705, 1200, 95, "#a3c06a", "#8fae58")
	for x := float32(30); x < 1200; x += 140 {
		c.rect(x, 626, 70, 8, "#f5f5f5")
	}
	for _, p := range [][3]float32{{180, 670, 30}, {930, 600, 24}, {1080, 668, 36}, {420, 590, 18}} {
		c.ellipse(p[0], p[1], p[2], p[2]/3, 0, "#4d5158")
	}
	// The car.
	x, y := float32(480), float32(640)
	c.poly("#2a9d8f", x, y, x+330, y, x+330, y-50, x+280, y-62, x+230, y-118, x+80, y-118, x+40, y-62, x, y-55)
	c.poly("#cde8f0", x+90, y-108, x+150, y-108, x+150, y-66, x+60, y-66)
	c.poly("#cde8f0", x+162, y-108, x+222, y-108, x+262, y-66, x+162, y-66)
	c.rect(x+318, y-44, 12, 12, "#ffe066")
	for _, wx := range []float32{x + 75, x + 260} {
		c.circle(wx, y, 34, "#222222")
		c.circle(wx, y, 15, "#9e9e9e")
	}
	c.round(x+120, y-134, 70, 18, 5, "#f4a261")
	c.circle(x+180, y-125, 5, "#e63946")
	// The graph of the road surface, dips where the road is uneven.
	c.round(130, 90, 940, 220, 16, "#ffffffdd")
	c.rect(170, 200, 860, 3, "#cfd8dc")
	pts := []float32{}
	for i := range 87 {
		px := 170 + float32(i)*10
		v := float32(0)
		for _, b := range [][2]float32{{280, 60}, {520, 30}, {760, 45}, {930, 70}} {
			d := (px - b[0]) / 18
			v += b[1] / (1 + d*d)
		}
		if i%2 == 1 {
			v += 4
		}
		pts = append(pts, px, 200-v)
	}
	c.path(5, "#e76f51", pts...)
}

// base: a former shop on a shopping street used as a coworking space:
// desks, laptops and plants behind a big shop window.
func base(c *canvas) {
	c.gradient(0, 0, 1200, 300, "#bcdff3", "#eef6fb")
	c.rect(0, 90, 280, 560, "#d8c3a5")
	c.rect(920, 60, 280, 590, "#c9ada7")
	for r := range 3 {
		for k := range 3 {
			c.rect(30+float32(k)*85, 130+float32(r)*90, 50, 56, "#8e9aaf")
			c.rect(950+float32(k)*85, 100+float32(r)*90, 50, 56, "#8e9aaf")
		}
	}
	c.rect(280, 120, 640, 530, "#f2e9e4")
	c.rect(330, 150, 540, 70, "#264653")
	// The arcade along the street.
	c.poly("#b5838d", 0, 380, 1200, 380, 1200, 420, 0, 420)
	for x := float32(60); x < 1200; x += 220 {
		c.rect(x, 420, 14, 230, "#9d6b76")
	}
	// The shop window and what is inside.
	c.rect(320, 430, 560, 220, "#cfe8f3")
	c.rect(320, 430, 560, 10, "#6d597a")
	for _, lx := range []float32{420, 600, 780} {
		c.line(lx, 440, lx, 480, 3, "#6d597a")
		c.circle(lx, 490, 14, "#ffd166")
	}
	for _, dx := range []float32{350, 530, 710} {
		c.rect(dx, 580, 140, 14, "#a47148")
		c.rect(dx+10, 594, 10, 56, "#7f5539")
		c.rect(dx+120, 594, 10, 56, "#7f5539")
		c.poly("#3a3f47", dx+40, 580, dx+100, 580, dx+96, 540, dx+44, 540)
	}
	c.poly("#bc6c25", 845, 650, 875, 650, 870, 610, 850, 610)
	c.ellipse(860, 585, 20, 34, 0, "#6a994e")
	c.poly("#ffffff55", 340, 650, 420, 440, 470, 440, 390, 650)
	c.poly("#ffffff44", 640, 650, 720, 440, 745, 440, 665, 650)
	c.rect(300, 650, 600, 12, "#6d597a")
	// The pavement and the street.
	c.rect(0, 650, 1200, 72, "#d6ccc2")
	c.rect(0, 722, 1200, 78, "#8d99ae")
	for x := float32(20); x < 1200; x += 160 {
		c.rect(x, 758, 80, 6, "#edf2f4")
	}
}
