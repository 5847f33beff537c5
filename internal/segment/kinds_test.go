package segment

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

type splitCase struct {
	lang, text string
	want       []string
}

func checkSplits(t *testing.T, cases []splitCase) {
	t.Helper()
	for _, c := range cases {
		got := Strings(MustFor(c.lang), c.text)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %s\n got: %q\nwant: %q", c.lang, c.text, got, c.want)
		}
	}
}

// TestPairedMarks: a stop inside quotation marks, brackets or title marks
// does not end the sentence when the sentence goes on after the closing
// mark; a quotation that ends the sentence ends a segment after its
// closing mark, and is split inside only when it is longer than
// maxPairSegmentColumns, so that a short one keeps both its marks; a mark
// that is never closed changes nothing.
func TestPairedMarks(t *testing.T) {
	stray := "«Знак открыт. " + strings.Repeat("Затем идёт новое предложение. ", 12) + "Наконец» и всё."
	checkSplits(t, []splitCase{
		// Titles and quotations inside a sentence.
		{"zh", "他推荐了《摔跤吧！爸爸》这部电影。", []string{"他推荐了《摔跤吧！爸爸》这部电影。"}},
		{"zh", "我最喜欢的电影是《摔跤吧！爸爸》。你看过吗？", []string{"我最喜欢的电影是《摔跤吧！爸爸》。", "你看过吗？"}},
		{"zh", "文章《中国经济往何处去？十年回顾》引起了广泛讨论。", []string{"文章《中国经济往何处去？十年回顾》引起了广泛讨论。"}},
		{"zh", "《摔跤吧！爸爸》《我不是药神》都是好电影。", []string{"《摔跤吧！爸爸》《我不是药神》都是好电影。"}},
		{"zh", "标题为“改革？还是革命？”的文章发表了。", []string{"标题为“改革？还是革命？”的文章发表了。"}},
		{"zh", "会议（第一次会议于2001年举行。第二次在2005年）取得了成功。", []string{"会议（第一次会议于2001年举行。第二次在2005年）取得了成功。"}},
		{"zh", "他说「走吧！天黑了」，就离开了。", []string{"他说「走吧！天黑了」，就离开了。"}},
		{"ru", "Доклад «Куда идёт экономика? Итоги года» обсудили на заседании.", []string{"Доклад «Куда идёт экономика? Итоги года» обсудили на заседании."}},
		{"ru", "Статья «Кто виноват? Что делать?» вызвала споры. Её перепечатали.", []string{"Статья «Кто виноват? Что делать?» вызвала споры.", "Её перепечатали."}},
		{"ru", "«Кто виноват? Что делать?» — эти вопросы волновали всех.", []string{"«Кто виноват? Что делать?» — эти вопросы волновали всех."}},
		{"ru", "«Мы готовы. Мы ждём», — сказал посол.", []string{"«Мы готовы. Мы ждём», — сказал посол."}},
		{"ru", "Книга „Что делать? Кто виноват?“ вышла давно.", []string{"Книга „Что делать? Кто виноват?“ вышла давно."}},
		{"ru", "Население (по данным переписи 2010 г. Росстата) выросло.", []string{"Население (по данным переписи 2010 г. Росстата) выросло."}},
		{"ru", "Фильм «Стой! Кто идёт?» и книга «Война и мир» вышли тогда.", []string{"Фильм «Стой! Кто идёт?» и книга «Война и мир» вышли тогда."}},
		{"ru", "Журнал ``Кто виноват? Что делать?'' закрыли в 1990 г.", []string{"Журнал ``Кто виноват? Что делать?'' закрыли в 1990 г."}},
		{"ru", "Он сказал: ``Мы готовы. Мы ждём''. Его не услышали.", []string{"Он сказал: ``Мы готовы. Мы ждём''.", "Его не услышали."}},
		{"en", `The film "Stop! Or My Mom Will Shoot" was a flop.`, []string{`The film "Stop! Or My Mom Will Shoot" was a flop.`}},
		{"en", "“Why? Because!” she said.", []string{"“Why? Because!” she said."}},
		{"en", "The report (“What next? A review”) came out in May.", []string{"The report (“What next? A review”) came out in May."}},
		{"en", "The essay ‘Why Russia? Why now?’ was reprinted.", []string{"The essay ‘Why Russia? Why now?’ was reprinted."}},
		{"ru", "Эта мысль развита в монографии (М., 2015. С. 45–47). Автор к ней возвращается.", []string{"Эта мысль развита в монографии (М., 2015. С. 45–47).", "Автор к ней возвращается."}},
		// A quotation that ends the sentence ends a segment; a short one
		// is not split inside.
		{"zh", "他说：“我们走吧。”然后离开了。", []string{"他说：“我们走吧。”", "然后离开了。"}},
		{"zh", "他说：“我们走吧。”她点了点头。", []string{"他说：“我们走吧。”", "她点了点头。"}},
		{"zh", "他说：“我们走吧。天快黑了。”她点了点头。", []string{"他说：“我们走吧。天快黑了。”", "她点了点头。"}},
		{"zh", "他问：“你去哪儿？天快黑了！”然后离开了。", []string{"他问：“你去哪儿？天快黑了！”", "然后离开了。"}},
		{"zh", "“你好吗？”“我很好。”", []string{"“你好吗？”", "“我很好。”"}},
		{"ru", "Он спросил: «Куда ты идёшь? Уже поздно». Она не ответила.", []string{"Он спросил: «Куда ты идёшь? Уже поздно».", "Она не ответила."}},
		{"zh", "他说：“好！好！”大家都笑了。", []string{"他说：“好！好！”", "大家都笑了。"}},
		{"ru", "Он сказал: «Хорошо! Хорошо!» Все засмеялись.", []string{"Он сказал: «Хорошо! Хорошо!»", "Все засмеялись."}},
		{"ru", "«Хорошо. Я приду завтра». Он ушёл.", []string{"«Хорошо. Я приду завтра».", "Он ушёл."}},
		// A long one splits into its sentences, as CAT tools split it.
		{"zh", "他说：“我们今天必须把这份报告写完并交给领导审阅。明天一早还要出发去北京参加一个重要的国际会议。”她点了点头。", []string{"他说：“我们今天必须把这份报告写完并交给领导审阅。", "明天一早还要出发去北京参加一个重要的国际会议。”", "她点了点头。"}},
		{"ru", "Он сказал: «Мы обсудили все вопросы повестки дня. Решения будут опубликованы на следующей неделе». Все разошлись.", []string{"Он сказал: «Мы обсудили все вопросы повестки дня.", "Решения будут опубликованы на следующей неделе».", "Все разошлись."}},
		{"ru", "Он приехал. (Это было в 2001 г. Тогда всё изменилось.) Потом уехал.", []string{"Он приехал.", "(Это было в 2001 г. Тогда всё изменилось.)", "Потом уехал."}},
		{"en", `He said, "Let's go. It's late." Then he left.`, []string{`He said, "Let's go. It's late."`, "Then he left."}},
		// Marks never closed, or closed too far away, change nothing.
		{"zh", "他说：“我们走吧。天快黑了。她点了点头。", []string{"他说：“我们走吧。", "天快黑了。", "她点了点头。"}},
		{"zh", "书名号《未闭合。第二句。第三句。", []string{"书名号《未闭合。", "第二句。", "第三句。"}},
		{"ru", "Знак « остался один. Второе предложение. Третье.", []string{"Знак « остался один.", "Второе предложение.", "Третье."}},
		{"en", `He wrote " and left. Then he came back.`, []string{`He wrote " and left.`, "Then he came back."}},
		{"ru", stray, append(append([]string{"«Знак открыт."}, slices.Repeat([]string{"Затем идёт новое предложение."}, 12)...), "Наконец» и всё.")},
	})
}

// TestLetterBeforeStop: a single capital letter, a Roman numeral or a unit
// before a stop ends the sentence unless the letter is an initial, which is
// decided by what follows and what comes before.
func TestLetterBeforeStop(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Отрезок соединяет точки A и B. Найдите его длину.", []string{"Отрезок соединяет точки A и B.", "Найдите его длину."}},
		{"ru", "Отрезок соединяет точки А и В. Найдите его длину.", []string{"Отрезок соединяет точки А и В.", "Найдите его длину."}},
		{"ru", "Проведём прямую через точку C. Она пересечёт окружность.", []string{"Проведём прямую через точку C.", "Она пересечёт окружность."}},
		{"ru", "Династию основал Карл IV. Его сын правил долго.", []string{"Династию основал Карл IV.", "Его сын правил долго."}},
		{"ru", "Реформы начал Пётр I. Его преемники их продолжили.", []string{"Реформы начал Пётр I.", "Его преемники их продолжили."}},
		{"ru", "Вода кипит при 100 °C. Лёд тает при 0 °C.", []string{"Вода кипит при 100 °C.", "Лёд тает при 0 °C."}},
		{"ru", "Напряжение в сети составляет 220 В. Ток не превышает 5 А. Защита срабатывает быстро.", []string{"Напряжение в сети составляет 220 В.", "Ток не превышает 5 А.", "Защита срабатывает быстро."}},
		{"ru", "Автор статьи — Иванов И. И. В ней он пишет о договоре.", []string{"Автор статьи — Иванов И. И.", "В ней он пишет о договоре."}},
		{"ru", "Президент России В. В. Путин заявил об этом.", []string{"Президент России В. В. Путин заявил об этом."}},
		{"ru", "Глава МИД С. Лавров прибыл в Пекин.", []string{"Глава МИД С. Лавров прибыл в Пекин."}},
		{"ru", "Пушкин А. С. родился в Москве.", []string{"Пушкин А. С. родился в Москве."}},
		{"ru", "В 2001 году министр А. Петров подписал договор.", []string{"В 2001 году министр А. Петров подписал договор."}},
		{"ru", "Письмо подписал А. Иванов, а ответил Б. Петров. Встреча состоялась.", []string{"Письмо подписал А. Иванов, а ответил Б. Петров.", "Встреча состоялась."}},
		{"ru", "Скорость поезда — 60 км/ч. Время в пути — два часа.", []string{"Скорость поезда — 60 км/ч.", "Время в пути — два часа."}},
		{"ru", "Скорость звука — 340 м/с. Свет быстрее.", []string{"Скорость звука — 340 м/с.", "Свет быстрее."}},
		{"ru", "Цена — 100 руб./шт. Скидок нет.", []string{"Цена — 100 руб./шт.", "Скидок нет."}},
		{"ru", "Как показали J. Smith и K. Lee, рост продолжится.", []string{"Как показали J. Smith и K. Lee, рост продолжится."}},
		{"en", "The line joins points A and B. Find its length.", []string{"The line joins points A and B.", "Find its length."}},
		{"en", "The palace was built by Louis XIV. The king lived there.", []string{"The palace was built by Louis XIV.", "The king lived there."}},
		{"en", "The kettle boils at 100 °C. Water then turns to steam.", []string{"The kettle boils at 100 °C.", "Water then turns to steam."}},
		{"en", "The throne passed to Henry V. In 1415 he invaded France.", []string{"The throne passed to Henry V.", "In 1415 he invaded France."}},
		{"en", "President John F. Kennedy spoke in Berlin.", []string{"President John F. Kennedy spoke in Berlin."}},
		{"en", "J. R. R. Tolkien taught at Oxford.", []string{"J. R. R. Tolkien taught at Oxford."}},
	})
}

// TestDateBeforeCapital: an abbreviation after a number ends a sentence
// before a capitalised word, unless the words before it are only a date
// or time that opens the sentence.
func TestDateBeforeCapital(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "16 июля 2001 г. Россия и Китай подписали договор.", []string{"16 июля 2001 г. Россия и Китай подписали договор."}},
		{"ru", "В ночь на 16 июля 2001 г. Россия и Китай подписали договор.", []string{"В ночь на 16 июля 2001 г. Россия и Китай подписали договор."}},
		{"ru", "С 1991 по 2001 г. Россия провела реформы.", []string{"С 1991 по 2001 г. Россия провела реформы."}},
		{"ru", "В начале 2001 г. Китай и Россия начали переговоры.", []string{"В начале 2001 г. Китай и Россия начали переговоры."}},
		{"ru", "01.06.2021 г. Форум открылся в Москве.", []string{"01.06.2021 г. Форум открылся в Москве."}},
		{"ru", "В конце XIX в. Россия строила железные дороги.", []string{"В конце XIX в. Россия строила железные дороги."}},
		{"ru", "Договор подписан 16 июля 2001 г. Россия и Китай отметили это.", []string{"Договор подписан 16 июля 2001 г.", "Россия и Китай отметили это."}},
		{"ru", "Встреча прошла в 2001 г. Затем её повторили.", []string{"Встреча прошла в 2001 г.", "Затем её повторили."}},
		{"en", "At 5 p.m. Russia and China signed the treaty.", []string{"At 5 p.m. Russia and China signed the treaty."}},
		{"en", "On 16 July 2001 at 3 p.m. Russia and China signed the treaty.", []string{"On 16 July 2001 at 3 p.m. Russia and China signed the treaty."}},
		{"en", "The talks ended at 5 p.m. Russia then left.", []string{"The talks ended at 5 p.m.", "Russia then left."}},
		{"en", "The U.S. Senate ratified the treaty.", []string{"The U.S. Senate ratified the treaty."}},
		{"en", "He moved to the U.S. He liked it there.", []string{"He moved to the U.S.", "He liked it there."}},
		{"en", "Apples, pears, etc. Bananas were cheap.", []string{"Apples, pears, etc.", "Bananas were cheap."}},
		{"ru", "Площадь заповедника — 2,5 тыс. кв. км. Здесь обитают редкие птицы.", []string{"Площадь заповедника — 2,5 тыс. кв. км.", "Здесь обитают редкие птицы."}},
		{"ru", "Согласно данным U.S. Drought Monitor, засуха усилилась.", []string{"Согласно данным U.S. Drought Monitor, засуха усилилась."}},
		{"ru", "Поэт А.С. Пушкин родился в Москве. Это было в 1799 г.", []string{"Поэт А.С. Пушкин родился в Москве.", "Это было в 1799 г."}},
		{"ru", "Зарплата выросла до 50 тыс. руб. Москва лидирует.", []string{"Зарплата выросла до 50 тыс. руб.", "Москва лидирует."}},
	})
}

// TestLongParagraphsLinear checks that the context the rules read around a
// stop is bounded: a paragraph eight times longer takes about eight times
// as long, not sixty-four, even where no stop ends a sentence.
func TestLongParagraphsLinear(t *testing.T) {
	for _, c := range []struct{ lang, unit string }{
		{"ru", "точки А и В. Найдите В. "},
		{"ru", "Пушкин А. С. "},
		{"en", "J. R. R. "},
		{"ru", "Статья 1. Общие положения\n"},
		{"ru", "Глава 2. Итоги. "},
		{"zh", "《摔跤吧！爸爸》“你好吗？”"},
	} {
		r := MustFor(c.lang)
		took := func(n int) time.Duration {
			text := strings.Repeat(c.unit, n)
			// The best of five runs of the thread's processor time,
			// so that neither a busy machine nor the collector's
			// pauses pass for a quadratic reader.
			best := time.Hour
			for range 5 {
				best = min(best, cpuTime(func() { r.Split(text) }))
			}
			return best
		}
		small, large := took(1000), took(8000)
		if large > 24*small+50*time.Millisecond {
			t.Errorf("%s %q: 1000 repeats in %v, 8000 in %v: the rules read the paragraph again at every stop", c.lang, c.unit, small, large)
		}
	}
}

// TestQuotationEndCJK: in Chinese, a quotation that ends with its own end
// mark (。！？) ends the sentence whichever mark it is, unless its reporting
// clause follows (a subject of a few characters and a speech verb of the
// rules) or a question or exclamation is quoted as part of the sentence
// around it; a quotation a colon or a comma introduces ends the sentence
// whatever follows.
func TestQuotationEndCJK(t *testing.T) {
	checkSplits(t, []splitCase{
		{"zh", "他说：“我们很满意！”会谈随后结束。", []string{"他说：“我们很满意！”", "会谈随后结束。"}},
		{"zh", "他说：“我们很满意。”会谈随后结束。", []string{"他说：“我们很满意。”", "会谈随后结束。"}},
		{"zh", "他问：“你好吗？”然后离开了。", []string{"他问：“你好吗？”", "然后离开了。"}},
		{"zh", "他说，“我们很满意！”会谈随后结束。", []string{"他说，“我们很满意！”", "会谈随后结束。"}},
		{"zh", "发言人说：「我们很满意！」会谈随后结束。", []string{"发言人说：「我们很满意！」", "会谈随后结束。"}},
		{"zh", "外交部发言人说：“中方表示欢迎！”他还表示，双方将继续合作。", []string{"外交部发言人说：“中方表示欢迎！”", "他还表示，双方将继续合作。"}},
		{"zh", "“好！”会谈随后结束。", []string{"“好！”", "会谈随后结束。"}},
		// A reporting clause goes on with the quotation, whatever its end mark.
		{"zh", "“我们很满意！”他说。", []string{"“我们很满意！”他说。"}},
		{"zh", "“我们很满意。”他说。会谈随后结束。", []string{"“我们很满意。”他说。", "会谈随后结束。"}},
		{"zh", "“我们很满意？”她笑着说道。", []string{"“我们很满意？”她笑着说道。"}},
		{"zh", "“中方对此表示欢迎。”外交部发言人汪文斌表示。", []string{"“中方对此表示欢迎。”外交部发言人汪文斌表示。"}},
		{"zh", "“我们走吧。天快黑了。”她说，“再不走就晚了。”", []string{"“我们走吧。天快黑了。”她说，“再不走就晚了。”"}},
		{"zh", "他走了。“你去哪儿？”我问他。", []string{"他走了。", "“你去哪儿？”我问他。"}},
		// Quoted as part of the sentence around it.
		{"zh", "一声“站住！”把他吓了一跳。", []string{"一声“站住！”把他吓了一跳。"}},
		{"zh", "论坛以“合作共赢！”为主题。", []string{"论坛以“合作共赢！”为主题。"}},
		// A stop after the closing mark is the sentence's own.
		{"zh", "他表示反对：“谁会想听呢？”。大家笑了。", []string{"他表示反对：“谁会想听呢？”。", "大家笑了。"}},
	})
}
