package demo

import (
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
)

// theForum records the forum, hosted by CASS and RIAC in that order. The
// report gives its date but not its hours, and says the ministers spoke by
// video but names no venue: the forum is online and has none.
func (l *loader) theForum() error {
	l.forum = &forum.Forum{
		Slug: ForumSlug,
		Title: text("en",
			"中俄高端智库论坛",
			"Российско-китайский форум высокого уровня аналитических центров",
			"China–Russia High-Level Think Tank Forum"),
		// The theme is known in English only; zh and ru are the project's
		// translations of it.
		Theme: text("en",
			"中国与俄罗斯：新时代合作暨庆祝《中俄睦邻友好合作条约》签署20周年",
			"Китай и Россия: сотрудничество в новую эпоху и празднование 20-летия подписания Российско-китайского договора о добрососедстве, дружбе и сотрудничестве",
			"China and Russia: Cooperation in a New Era and Celebration of the 20th Anniversary of the Signing of the China-Russia Treaty of Good-neighborliness and Friendly Cooperation"),
		Summary: text("en",
			"中国社会科学院与俄罗斯国际事务委员会共同举办本次论坛，纪念2001年7月16日在莫斯科签署的《中华人民共和国和俄罗斯联邦睦邻友好合作条约》二十周年。中俄两国外长通过视频向论坛致辞，两家主办机构的院长和主席也发表了讲话。论坛期间还发布了双方合编的纪念文集。",
			"Китайская академия общественных наук и Российский совет по международным делам совместно провели этот форум в честь 20-летия Договора о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой, подписанного в Москве 16 июля 2001 года. Министры иностранных дел обеих стран выступили с видеообращениями, слово взяли президенты двух организаций-устроителей, а на форуме был выпущен подготовленный ими совместно сборник трудов.",
			"The Chinese Academy of Social Sciences and the Russian International Affairs Council convened this forum together to mark twenty years since the Treaty of Good-Neighborliness and Friendly Cooperation between the People's Republic of China and the Russian Federation was signed in Moscow on 16 July 2001. The foreign ministers of both countries addressed it by video, the presidents of the two host institutions spoke, and the forum saw the release of Collected Works that the hosts had compiled together."),
		Note: text("en",
			"本演示日程中的时间和发言顺序仅为示意：演示所依据的报道只提供了论坛的日期，即2021年6月1日。",
			"Время и порядок выступлений в этой демонстрационной программе условны: в сообщении, на котором основан пример, указана только дата форума — 1 июня 2021 года.",
			"The times and the order of speeches in this demo programme are illustrative: the report the demo is based on gives only the date of the forum, 1 June 2021."),
		StartsAt:  onForumDay(10, 0),
		EndsAt:    onForumDay(11, 30),
		TimeZone:  TimeZone,
		Online:    true,
		Languages: []string{"zh", "ru", "en"},
		Published: true,
		Hosts:     []*forum.Partner{l.cass, l.riac},
	}
	return forum.AddForum(l.ctx, l.tx, l.forum)
}

// programme records two sessions: the four addresses, then the presentation
// of the Collected Works, which has no speech of its own because the report
// names no one who presented it.
func (l *loader) programme() error {
	l.addresses = &forum.Session{
		ForumID: l.forum.ID,
		Title: text("en",
			"条约签署二十周年致辞",
			"Выступления к 20-летию договора",
			"Addresses on the Treaty's 20th anniversary"),
		StartsAt: onForumDay(10, 0),
		EndsAt:   onForumDay(10, 50),
	}
	l.presentation = &forum.Session{
		ForumID: l.forum.ID,
		Title: text("en",
			"纪念文集发布",
			"Презентация сборника трудов",
			"Presentation of the Collected Works"),
		StartsAt: onForumDay(11, 0),
		EndsAt:   onForumDay(11, 30),
	}
	for _, s := range []*forum.Session{l.addresses, l.presentation} {
		if err := forum.AddSession(l.ctx, l.tx, s); err != nil {
			return err
		}
	}

	// The summaries tell what the report says each speaker spoke about, as
	// the report's account and in indirect speech: the texts of the speeches
	// were not published, so Body stays empty. How Xie Fuzhan and Igor
	// Ivanov took part is not stated, so their delivery is left empty.
	speeches := []*forum.Speech{{
		Slug:         "wang-yi-video-address",
		Speaker:      l.wang,
		Kind:         forum.VideoAddress,
		Delivery:     forum.Video,
		OriginalLang: "zh",
		Title:        text("zh", "王毅视频致辞", "Видеообращение Ван И", "Video address by Wang Yi"),
		Summary: text("en",
			"据《中国社会科学报》报道，王毅在致辞中向长期投身中俄友好事业的两国战略界和学术界表示祝贺和感谢，并把条约视为两国关系长期稳定发展的法律基石。报道还提到，他谈及中方愿同俄方一道传承条约精神，拓展和深化双方合作。",
			"Как сообщила «Китайская газета общественных наук», Ван И поздравил и поблагодарил стратегическое и научное сообщество двух стран, которое многие годы работает на благо китайско-российской дружбы, и назвал договор правовой основой долгосрочного и стабильного развития отношений. По данным газеты, он также говорил о готовности Китая вместе с Россией развивать дух договора, расширять и углублять сотрудничество.",
			"As reported by Chinese Social Sciences Today, Wang Yi congratulated and thanked the strategic and academic communities of both countries for their long work for friendship between China and Russia, and described the treaty as the legal basis on which the relationship has grown steadily over the long term. The report adds that he spoke of China carrying the treaty's spirit forward together with Russia and of cooperation that reaches further and goes deeper."),
		StartsAt: onForumDay(10, 0),
		EndsAt:   onForumDay(10, 10),
	}, {
		Slug:         "sergey-lavrov-video-address",
		Speaker:      l.lavrov,
		Kind:         forum.VideoAddress,
		Delivery:     forum.Video,
		OriginalLang: "ru",
		Title:        text("ru", "谢尔盖·拉夫罗夫视频致辞", "Видеообращение Сергея Лаврова", "Video address by Sergey Lavrov"),
		Summary: text("en",
			"据《中国社会科学报》报道，拉夫罗夫在致辞中把二十年前条约的签署看作两国人民友谊进入新阶段的起点，并谈到条约在俄中深化战略合作的进程中将继续发挥的作用。",
			"Как сообщила «Китайская газета общественных наук», Сергей Лавров охарактеризовал подписание договора двадцать лет назад как начало нового этапа в дружбе народов двух стран и говорил о роли, которую договор и впредь будет играть в углублении стратегического сотрудничества России и Китая.",
			"As reported by Chinese Social Sciences Today, Sergey Lavrov described the signing of the treaty twenty years earlier as the start of a new stage in the friendship between the two peoples, and spoke of the part the treaty will go on playing as Russia and China deepen their strategic cooperation."),
		StartsAt: onForumDay(10, 10),
		EndsAt:   onForumDay(10, 20),
	}, {
		Slug:         "xie-fuzhan-address",
		Speaker:      l.xie,
		Kind:         forum.Remark,
		OriginalLang: "zh",
		Title:        text("zh", "谢伏瞻致辞", "Выступление Се Фучжаня", "Address by Xie Fuzhan"),
		Summary: text("en",
			"据《中国社会科学报》报道，谢伏瞻谈到新时代进一步发展中俄关系的途径：双方应增进政治互信、加强战略协作，为双边关系打牢政治基础；全面深化务实合作，在传统领域和新兴领域不断培育合作动力；共同参与全球治理改革，使国际秩序更趋公平合理。报道称，他还表示中国社会科学院希望以条约签署二十周年为新的起点，同俄罗斯国际事务委员会深化交流、扩大合作，并建议双方借助中俄高端智库论坛这一平台，为两国关系的发展贡献力量。",
			"Как сообщила «Китайская газета общественных наук», Се Фучжань назвал шаги, которые помогли бы сторонам продвинуть отношения в новую эпоху: укреплять политическое доверие и стратегическое взаимодействие как политическую основу двусторонних связей, всесторонне углублять практическое сотрудничество в традиционных и новых областях, совместно совершенствовать глобальное управление ради более справедливого международного порядка. По данным газеты, он также сказал, что КАОН рассчитывает, взяв 20-летие договора за новую точку отсчёта, расширять обмены и сотрудничество с РСМД, и предложил использовать форум высокого уровня аналитических центров как площадку, через которую обе стороны могут внести вклад в развитие отношений.",
			"As reported by Chinese Social Sciences Today, Xie Fuzhan set out what the two sides could do to take relations further in the new era: build more political trust and closer strategic cooperation as the political basis of the relationship, deepen practical cooperation across traditional and emerging fields, and work together on global governance for a fairer international order. According to the report, he also said that CASS, taking the anniversary as a fresh starting point, hopes to widen its exchanges and cooperation with RIAC, and he proposed that the high-level think tank forum serve as a channel through which both sides contribute to the relationship."),
		StartsAt: onForumDay(10, 20),
		EndsAt:   onForumDay(10, 35),
	}, {
		Slug:         "igor-ivanov-address",
		Speaker:      l.ivanov,
		Kind:         forum.Remark,
		OriginalLang: "ru",
		Title:        text("ru", "伊戈尔·伊万诺夫致辞", "Выступление Игоря Иванова", "Address by Igor Ivanov"),
		Summary: text("en",
			"据《中国社会科学报》报道，伊万诺夫主张两国对条约开展长期、不间断的研究，创造性地发展条约的各项规定，并为推动以平等互信为特征的全面战略伙伴关系提供新的思路。",
			"Как сообщила «Китайская газета общественных наук», Игорь Иванов призвал обе страны изучать договор постоянно и в долгосрочной перспективе, творчески развивать его положения и предлагать новые идеи для всеобъемлющего стратегического партнёрства, основанного на равенстве и доверии.",
			"As reported by Chinese Social Sciences Today, Igor Ivanov called on both countries to study the treaty over the long term and without interruption, to develop its provisions creatively, and to bring forward new ideas for the comprehensive strategic partnership between them, which rests on equality and mutual trust."),
		StartsAt: onForumDay(10, 35),
		EndsAt:   onForumDay(10, 50),
	}}
	for _, sp := range speeches {
		sp.ForumID = l.forum.ID
		sp.SessionID = l.addresses.ID
		sp.SpeakerID = sp.Speaker.ID
		if err := forum.AddSpeech(l.ctx, l.tx, sp); err != nil {
			return err
		}
	}
	return nil
}

// collection records the forum's Collected Works: the first volume,
// released at the forum in Chinese, Russian and (as the demo's English
// edition, still embargoed) English, and the second, in preparation, which
// Works fills. The report gives neither the exact title of the volume nor
// its contents, so the titles are descriptive and the description says so.
func (l *loader) collection() error {
	// The descriptions deliberately have no English: the public site then
	// shows its notice that the text is not yet translated, with the
	// Chinese source, which is how an English reader meets an untranslated
	// text. Works, the office's compilation of volume 2, gives that volume
	// its description in all three languages.
	released := lang.New("zh", map[string]string{
		"zh": "为纪念《中华人民共和国和俄罗斯联邦睦邻友好合作条约》签署二十周年，中国社会科学院与俄罗斯国际事务委员会共同组织编纂了本文集，并于2021年6月1日在中俄高端智库论坛上发布。两国资深外交官和知名学者应邀撰稿。文集以中文和俄文出版，分别在中国和俄罗斯发行。\n\n本演示所依据的报道没有给出文集的确切书名，这里使用的是描述性标题。",
		"ru": "Сборник подготовлен совместно Китайской академией общественных наук и Российским советом по международным делам к 20-летию Договора о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой и выпущен 1 июня 2021 года на Российско-китайском форуме высокого уровня аналитических центров. Авторами стали приглашённые дипломаты высокого ранга и известные учёные двух стран. Сборник издан на китайском и русском языках и выпущен соответственно в Китае и в России.\n\nТочное название сборника в сообщении, на котором основан пример, не указано; здесь приведено описательное название.",
	})
	first := &forum.Collection{
		ForumID: l.forum.ID,
		Slug:    Volume1Slug,
		Title: text("zh",
			"纪念《中俄睦邻友好合作条约》签署二十周年文集（第一卷）",
			"Сборник трудов к 20-летию подписания Договора о добрососедстве, дружбе и сотрудничестве. Том 1",
			"Collected Works marking the 20th anniversary of the Treaty, Volume 1"),
		Description: released,
		Languages:   []string{"zh", "ru", "en"},
		ReleasedAt:  onForumDay(11, 0),
	}
	if err := forum.AddCollection(l.ctx, l.tx, first); err != nil {
		return err
	}
	second := &forum.Collection{
		ForumID: l.forum.ID,
		Slug:    CollectionSlug,
		Title: text("zh",
			"纪念《中俄睦邻友好合作条约》签署二十周年文集（第二卷）",
			"Сборник трудов к 20-летию подписания Договора о добрососедстве, дружбе и сотрудничестве. Том 2",
			"Collected Works marking the 20th anniversary of the Treaty, Volume 2"),
		Description: lang.New("zh", map[string]string{
			"zh": "文集第二卷正在编纂中，收录第一卷发布后征集的文章，仍以中文和俄文出版。",
			"ru": "Второй том сборника готовится к изданию; в него войдут статьи, собранные после выхода первого тома. Он также выйдет на китайском и русском языках.",
		}),
		Languages:  []string{"zh", "ru"},
		ReleasedAt: onForumDay(11, 0),
	}
	return forum.AddCollection(l.ctx, l.tx, second)
}
