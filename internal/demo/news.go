package demo

import (
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/media"
)

// csst is the newspaper the demo's facts come from, as the news posts credit
// it. It has no fixed Russian name; the Russian form is a descriptive one.
var csst = text("en", "《中国社会科学报》", "«Китайская газета общественных наук»", "Chinese Social Sciences Today")

// reportDay is when the report the demo is built from appeared: 18 June 2021.
func reportDay(hour, min int) time.Time {
	return time.Date(2021, time.June, 18, hour, min, 0, 0, msk)
}

// paragraphs joins paragraphs the way a news body keeps them: separated by
// a blank line.
func paragraphs(ps ...string) string { return strings.Join(ps, "\n\n") }

// news records two posts: the forum itself, with a drawn lead image, and the
// release of the Collected Works, with the same image in its text.
func (l *loader) news() error {
	png, err := leadIllustration()
	if err != nil {
		return err
	}
	lead, err := l.image(png, media.Meta{
		Alt: text("en",
			"抽象插图：浅色渐变背景上，一个青绿色圆盘和一个赭黄色圆盘相互交叠，各自被两道细圆环围绕，下方有一排二十个小圆点。",
			"Абстрактная иллюстрация: на светлом градиентном фоне пересекаются бирюзовый и охристый круги, каждый окружён двумя тонкими кольцами; ниже — ряд из двадцати маленьких точек.",
			"Abstract illustration: on a pale gradient, a teal disc and an ochre disc overlap, each ringed by two thin circles, above a row of twenty small dots."),
		Caption: text("en",
			"为 tandem 演示绘制的插图，并非论坛现场照片。",
			"Иллюстрация, нарисованная для демонстрации tandem, а не фотография с форума.",
			"An illustration made for the tandem demo, not a photograph of the forum."),
	})
	if err != nil {
		return err
	}
	beijing := text("en", "北京", "Пекин", "Beijing")

	posts := []*forum.NewsPost{{
		Slug:  "forum-marks-treaty-anniversary",
		Title: text("en", "中俄高端智库论坛纪念条约签署二十周年", "Форум аналитических центров отметил 20-летие российско-китайского договора", "Think tank forum marks twenty years of the China–Russia treaty"),
		Summary: text("en",
			"2021年6月1日，中国社会科学院与俄罗斯国际事务委员会联合举办中俄高端智库论坛，纪念2001年签署的中俄睦邻友好合作条约二十周年。两国外长以视频方式致辞，两家机构的院长和主席发表讲话，论坛还发布了双方合编的文集。",
			"1 июня 2021 года КАОН и РСМД совместно провели форум высокого уровня аналитических центров, посвящённый 20-летию российско-китайского договора 2001 года. Министры иностранных дел двух стран выступили с видеообращениями, слово взяли президенты обеих организаций, был выпущен совместно подготовленный сборник трудов.",
			"On 1 June 2021 CASS and RIAC held a joint high-level think tank forum for the 20th anniversary of the China–Russia treaty of 2001. The two foreign ministers spoke by video, the presidents of both institutions addressed the forum, and a jointly compiled collection was released."),
		Body: text("en",
			paragraphs(
				"2021年6月1日，中国社会科学院与俄罗斯国际事务委员会共同举办中俄高端智库论坛，纪念《中华人民共和国和俄罗斯联邦睦邻友好合作条约》签署二十周年。这一条约于2001年7月16日在莫斯科签署，中文本和俄文本同等作准。",
				"论坛主题聚焦新时代的中俄合作，并以此庆祝条约签署二十周年。",
				"国务委员兼外交部长王毅和俄罗斯联邦外交部长谢尔盖·拉夫罗夫通过视频向论坛致辞。王毅感谢两国长期投身中俄友好事业的战略界和学术界，并把条约视为两国关系的法律基石；拉夫罗夫则认为，条约的签署使两国人民的友谊迈入了新的阶段。",
				"两家主办机构的负责人也发表了讲话。中国社会科学院院长谢伏瞻建议双方增进政治互信、深化务实合作、共同参与全球治理，并借助这一智库论坛为两国关系的发展贡献力量。俄罗斯国际事务委员会主席伊戈尔·伊万诺夫呼吁对条约开展长期、不间断的研究，为两国伙伴关系的发展提供新的思路。",
				"论坛还发布了由两家机构共同组织编纂的纪念文集。两国资深外交官和知名学者应邀撰稿，文集以中文和俄文出版，分别在中国和俄罗斯发行。",
			),
			paragraphs(
				"1 июня 2021 года Китайская академия общественных наук (КАОН) и Российский совет по международным делам (РСМД) провели Российско-китайский форум высокого уровня аналитических центров. Форум был приурочен к 20-летию Договора о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой, подписанного в Москве 16 июля 2001 года; русский и китайский тексты договора имеют одинаковую силу.",
				"Тема форума соединила сотрудничество Китая и России в новую эпоху с празднованием годовщины договора.",
				"Член Госсовета, министр иностранных дел КНР Ван И и министр иностранных дел Российской Федерации Сергей Лавров выступили перед участниками с видеообращениями. Ван И поблагодарил стратегическое и научное сообщество двух стран за многолетнюю работу на благо китайско-российской дружбы и назвал договор правовой основой отношений. Сергей Лавров охарактеризовал подписание договора как начало нового этапа в дружбе двух народов.",
				"Выступили и президенты двух организаций-устроителей. Президент КАОН Се Фучжань предложил сторонам укреплять политическое доверие, углублять практическое сотрудничество, вместе участвовать в совершенствовании глобального управления и использовать форум аналитических центров как площадку для общего вклада в развитие отношений. Президент РСМД Игорь Иванов призвал к долгосрочному и непрерывному изучению договора и к поиску новых идей для развития партнёрства двух стран.",
				"На форуме также был выпущен сборник трудов к годовщине договора, который КАОН и РСМД подготовили совместно. Его авторами стали приглашённые дипломаты высокого ранга и известные учёные Китая и России. Сборник издан на китайском и русском языках и выпущен соответственно в Китае и в России.",
			),
			paragraphs(
				"On 1 June 2021 the Chinese Academy of Social Sciences (CASS) and the Russian International Affairs Council (RIAC) convened a China–Russia high-level think tank forum. It marked the 20th anniversary of the Treaty of Good-Neighborliness and Friendly Cooperation between the People's Republic of China and the Russian Federation, signed in Moscow on 16 July 2001, whose Chinese and Russian texts are equally authentic.",
				"The forum's theme joined cooperation between China and Russia in a new era to the celebration of the treaty's anniversary.",
				"Wang Yi, State Councilor and Minister of Foreign Affairs of China, and Sergey Lavrov, Minister of Foreign Affairs of the Russian Federation, addressed the forum by video. Wang Yi thanked the strategic and academic communities of both countries for their long commitment to friendship between China and Russia and spoke of the treaty as the legal basis of the relationship. Lavrov described its signing as the beginning of a new stage in the friendship of the two peoples.",
				"The presidents of the two host institutions also spoke. Xie Fuzhan, President of CASS, proposed that the two sides build more political trust, deepen practical cooperation and work together on global governance, and that they use the think tank forum as a channel for their contribution to the relationship. Igor Ivanov, President of RIAC, called for continuous, long-term research on the treaty and for new ideas to take the partnership between the two countries further.",
				"The forum also released Collected Works marking the anniversary, compiled jointly by CASS and RIAC. Senior diplomats and well-known scholars from both countries were invited to contribute. The volume was published in Chinese and in Russian and released in China and in Russia respectively.",
			)),
		PublishedAt: reportDay(10, 39),
		LeadImageID: lead.ID,
		LeadAlt:     lead.Alt,
		LeadCaption: lead.Caption,
		LeadCredit:  lead.Credit,
	}, {
		Slug:  "collected-works-released",
		Title: text("en", "条约签署二十周年纪念文集以中俄两种文字出版", "Сборник трудов к 20-летию договора вышел на китайском и русском языках", "Collected Works for the treaty's anniversary appear in Chinese and Russian"),
		Summary: text("en",
			"中国社会科学院与俄罗斯国际事务委员会合编的纪念文集于2021年6月1日在中俄高端智库论坛上发布，分中文版和俄文版。",
			"Сборник трудов, который КАОН и РСМД подготовили к годовщине договора, выпущен 1 июня 2021 года на форуме аналитических центров в двух изданиях: на китайском и на русском языках.",
			"The Collected Works that CASS and RIAC compiled for the treaty's anniversary were released at their think tank forum on 1 June 2021, in a Chinese and a Russian edition."),
		Body: text("en",
			paragraphs(
				"为纪念《中俄睦邻友好合作条约》签署二十周年，中国社会科学院与俄罗斯国际事务委员会共同组织编纂了一部文集，并于2021年6月1日在双方联合举办的中俄高端智库论坛上发布。",
				"两国资深外交官和知名学者应邀为文集撰稿。文集有中文和俄文两个版本，分别在中国和俄罗斯发行。",
			),
			paragraphs(
				"К 20-летию Договора о добрососедстве, дружбе и сотрудничестве КАОН и РСМД совместно подготовили сборник трудов и выпустили его 1 июня 2021 года на Российско-китайском форуме высокого уровня аналитических центров, который они провели вместе.",
				"Писать для сборника были приглашены дипломаты высокого ранга и известные учёные обеих стран. Сборник вышел в двух вариантах, на китайском и на русском языках, которые выпущены соответственно в Китае и в России.",
			),
			paragraphs(
				"For the 20th anniversary of the China–Russia treaty, CASS and RIAC jointly compiled a volume of Collected Works and released it on 1 June 2021 at the high-level think tank forum they convened together.",
				"High-level diplomats and well-known scholars from both countries were invited to write for it. The collection comes in two versions, Chinese and Russian, released in China and in Russia respectively.",
			)),
		PublishedAt: reportDay(11, 0),
		// The illustration again, in the text, with what this post says
		// of it.
		Figures: []*forum.Figure{{
			ImageID: lead.ID,
			After:   1,
			Alt:     lead.Alt,
			Caption: text("en",
				"两个交叠的圆盘代表共同编纂文集的两家机构。",
				"Два пересекающихся круга — две организации, вместе подготовившие сборник.",
				"Two overlapping discs stand for the two institutions that compiled the collection together."),
			Credit: text("en", "tandem 演示插图", "Иллюстрация для демонстрации tandem", "Illustration for the tandem demo"),
		}},
	}}
	for _, n := range posts {
		n.ForumID = l.forum.ID
		n.Dateline = beijing
		n.Source = csst
		if err := forum.AddNewsPost(l.ctx, l.tx, n); err != nil {
			return err
		}
	}
	return nil
}
