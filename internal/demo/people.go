package demo

import (
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
)

// partners records the two host institutions. They have no logo: the demo
// does not reproduce real emblems, and the site draws each partner's mark
// from its short name in the reader's language instead. The Chinese names
// carry break hints (lang.BreakHint) between their words, the only places
// where a line may break inside them: 中国|社会科学院, 俄罗斯|国际事务|委员会.
func (l *loader) partners() error {
	l.cass = &forum.Partner{
		Slug: "cass",
		Name: text("zh",
			"中国\u200b社会科学院",
			"Китайская академия общественных наук",
			"Chinese Academy of Social Sciences"),
		ShortName: text("zh", "中国\u200b社科院", "КАОН", "CASS"),
		Description: text("zh",
			"中国社会科学院是中国国家级的哲学社会科学研究机构，设在北京，主办《中国社会科学报》。",
			"Государственное научное учреждение Китая, ведущее исследования в области философии и общественных наук; находится в Пекине. Издаёт «Китайскую газету общественных наук».",
			"China's national research institution for philosophy and the social sciences, based in Beijing. It publishes the newspaper Chinese Social Sciences Today."),
		Country: "CN",
		Website: "https://www.cass.cn/",
	}
	if err := forum.AddPartner(l.ctx, l.tx, l.cass); err != nil {
		return err
	}

	l.riac = &forum.Partner{
		Slug: "riac",
		Name: text("ru",
			"俄罗斯\u200b国际事务\u200b委员会",
			"Российский совет по международным делам",
			"Russian International Affairs Council"),
		// The established Chinese form is the full name; no shorter one is
		// in common use.
		ShortName: text("ru", "俄罗斯\u200b国际事务\u200b委员会", "РСМД", "RIAC"),
		Description: text("ru",
			"俄罗斯从事国际问题研究与对话的非营利组织，设在莫斯科。",
			"Российская некоммерческая организация, занимающаяся исследованиями и диалогом в области международных отношений; находится в Москве.",
			"A Russian non-profit organisation for research and dialogue on international affairs, based in Moscow."),
		Country: "RU",
		Website: "https://russiancouncil.ru/",
	}
	return forum.AddPartner(l.ctx, l.tx, l.riac)
}

// chinese returns the names of a Chinese person, family name first in every
// language.
func chinese(zhFamily, zhGiven, ruFamily, ruGiven, enFamily, enGiven string) lang.Names {
	return lang.Names{Source: "zh", Values: map[string]lang.Name{
		"zh": {Family: zhFamily, Given: zhGiven, FamilyFirst: true},
		"ru": {Family: ruFamily, Given: ruGiven, FamilyFirst: true},
		"en": {Family: enFamily, Given: enGiven, FamilyFirst: true},
	}}
}

// russian returns the names of a Russian person; the patronymic is written
// in Russian only.
func russian(ruFamily, ruGiven, ruPatronymic, zhFamily, zhGiven, enFamily, enGiven string) lang.Names {
	return lang.Names{Source: "ru", Values: map[string]lang.Name{
		"ru": {Family: ruFamily, Given: ruGiven, Patronymic: ruPatronymic},
		"zh": {Family: zhFamily, Given: zhGiven},
		"en": {Family: enFamily, Given: enGiven},
	}}
}

// people records the four speakers with their positions in June 2021. The
// ministers' institutions are not partners, so they carry an affiliation
// instead; no biographies are given beyond what the report says.
func (l *loader) people() error {
	l.wang = &forum.Person{
		Slug:  "wang-yi",
		Names: chinese("王", "毅", "Ван", "И", "Wang", "Yi"),
		Position: text("zh",
			"国务委员兼外交部长",
			"член Госсовета, министр иностранных дел КНР",
			"State Councilor and Minister of Foreign Affairs of the People's Republic of China"),
		Affiliation: text("zh",
			"中华人民共和国外交部",
			"Министерство иностранных дел Китайской Народной Республики",
			"Ministry of Foreign Affairs of the People's Republic of China"),
	}
	l.lavrov = &forum.Person{
		Slug:  "sergey-lavrov",
		Names: russian("Лавров", "Сергей", "Викторович", "拉夫罗夫", "谢尔盖", "Lavrov", "Sergey"),
		Position: text("ru",
			"俄罗斯联邦外交部长",
			"министр иностранных дел Российской Федерации",
			"Minister of Foreign Affairs of the Russian Federation"),
		Affiliation: text("ru",
			"俄罗斯联邦外交部",
			"Министерство иностранных дел Российской Федерации",
			"Ministry of Foreign Affairs of the Russian Federation"),
	}
	l.xie = &forum.Person{
		Slug:  "xie-fuzhan",
		Names: chinese("谢", "伏瞻", "Се", "Фучжань", "Xie", "Fuzhan"),
		Position: text("zh",
			"中国社会科学院院长",
			"президент Китайской академии общественных наук",
			"President of the Chinese Academy of Social Sciences"),
		PartnerID: l.cass.ID,
	}
	l.ivanov = &forum.Person{
		Slug:  "igor-ivanov",
		Names: russian("Иванов", "Игорь", "Сергеевич", "伊万诺夫", "伊戈尔", "Ivanov", "Igor"),
		Position: text("ru",
			"俄罗斯国际事务委员会主席",
			"президент Российского совета по международным делам",
			"President of the Russian International Affairs Council"),
		PartnerID: l.riac.ID,
	}
	for _, p := range []*forum.Person{l.wang, l.lavrov, l.xie, l.ivanov} {
		if err := forum.AddPerson(l.ctx, l.tx, p); err != nil {
			return err
		}
	}
	return nil
}
