package qa

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// A convention case is a translation with what each check should say of it.
type conventionCase struct {
	from, to, src, tgt string
	want               string // the checks that fire, space-separated; "" for none
}

// correctTranslations are right translations between zh, ru and en, written
// the way each language writes them: Chinese full-width punctuation and
// 《》 titles; Russian «» quotation marks, „“ inside them, dashes,
// no-break spaces in 1 000 000 and before units and %, decimal commas,
// "г." and "гг." after years; British English (the site's locale) with
// ‘’ quotation marks, "per cent" and 1 June 2021. Numbers come in every
// form: digits, words in every case, Chinese numerals, Roman numerals,
// scale words with and without a figure. No check may fire on any of them.
var correctTranslations = []conventionCase{
	// numbers: dates, years, ranges, times
	{"zh", "ru", "2021年6月1日，论坛在北京开幕。", "1 июня 2021 г. в Пекине открылся форум.", ""},
	{"zh", "en", "2021年6月1日，论坛在北京开幕。", "The forum opened in Beijing on 1 June 2021.", ""},
	{"ru", "en", "Форум открылся 1 июня 2021 г. в Пекине.", "The forum opened in Beijing on 1 June 2021.", ""},
	{"en", "ru", "The forum opened on June 1, 2021.", "Форум открылся 1\u00a0июня 2021\u00a0г.", ""},
	{"zh", "ru", "二〇〇一年七月十六日，双方签署了条约。", "16 июля 2001 г. стороны подписали договор.", ""},
	{"zh", "ru", "2001年至2021年，两国贸易额增长了十倍。", "В 2001–2021 гг. товарооборот двух стран вырос в десять раз.", ""},
	{"ru", "zh", "В 2001—2021 гг. товарооборот вырос в десять раз.", "2001—2021年，贸易额增长了十倍。", ""},
	{"zh", "en", "2001—2021年", "2001–2021", ""},
	{"zh", "ru", "会议于上午10时开始。", "Заседание началось в 10:00.", ""},
	{"zh", "ru", "会议于下午3时举行。", "Заседание состоялось в 15:00.", ""},
	{"zh", "en", "会议于下午3时举行。", "The meeting was held at 3 p.m.", ""},
	{"en", "zh", "He arrived at 10:30 a.m.", "他于上午10点半抵达。", ""},
	{"ru", "en", "Приём документов — с 9:00 до 18:00.", "Documents are accepted from 9 a.m. to 6 p.m.", ""},
	{"zh", "ru", "会议于十点三十分开始。", "Заседание началось в 10:30.", ""},
	// numbers: "a hundred and fifty", "a thousand and one"
	{"ru", "en", "Сто пятьдесят человек.", "A hundred and fifty people.", ""},
	{"zh", "en", "一百五十人。", "A hundred and fifty people.", ""},
	{"en", "ru", "A thousand and one nights.", "Тысяча и одна ночь.", ""},
	{"en", "zh", "A thousand and one nights.", "一千零一夜。", ""},
	{"en", "ru", "Hundreds of people came.", "Пришли сотни людей.", ""},
	// numbers: dates in every notation, read as dates
	{"ru", "en", "Дата: 18.06.2021.", "Date: 18 June 2021.", ""},
	{"ru", "zh", "Дата: 18.06.2021.", "日期：2021年6月18日。", ""},
	{"ru", "en", "Срок — до 1.6.2021.", "The deadline is 1 June 2021.", ""},
	{"ru", "en", "Письмо от 18.06.21.", "The letter of 18 June 2021.", ""},
	{"en", "ru", "The report is dated 2021-06-18.", "Доклад датирован 18 июня 2021 г.", ""},
	{"en", "ru", "The report is dated 6/18/2021.", "Доклад датирован 18.06.2021.", ""},
	{"en", "zh", "The report is dated 5/6/2021.", "报告日期为2021年6月5日。", ""},
	{"en", "zh", "The report is dated 5/6/2021.", "报告日期为2021年5月6日。", ""},
	{"zh", "ru", "报告日期为2021.6.18。", "Доклад датирован 18.06.2021.", ""},
	{"zh", "en", "论坛于6月18日开幕。", "The forum opened on June 18.", ""},
	{"ru", "en", "Форум открылся 18 июня.", "The forum opened on Jun. 18.", ""},
	{"ru", "en", "Форум открылся 1-го июня.", "The forum opened on the 1st of June.", ""},
	{"ru", "zh", "Форум открылся первого июня.", "论坛于六月一日开幕。", ""},
	{"zh", "ru", "论坛于十月一日开幕。", "Форум открылся 1 октября.", ""},
	{"zh", "ru", "会议于2021年6月18日至20日举行。", "Заседание прошло 18–20 июня 2021 г.", ""},
	{"zh", "en", "会议于2021年6月18日至20日举行。", "The meeting was held on June 18-20, 2021.", ""},
	{"zh", "ru", "会议于6月18—20日举行。", "Заседание прошло с 18 по 20 июня.", ""},
	{"ru", "en", "Заседания прошли 18, 19 и 20 июня.", "The meetings were held on June 18, 19 and 20.", ""},
	{"ru", "en", "В 2020–2021 гг. товарооборот вырос.", "Trade grew in 2020–21.", ""},
	{"ru", "en", "В 2020/2021 учебном году", "In the 2020/21 academic year", ""},
	{"zh", "en", "1998—1999年", "1998-99", ""},
	{"zh", "en", "1—5月，出口增长。", "Exports grew in January–May.", ""},
	{"zh", "en", "3—5月，出口增长。", "March–May saw exports grow.", ""},
	{"zh", "ru", "1—5月，出口增长。", "С января по май экспорт вырос.", ""},
	// numbers: decades in words
	{"en", "ru", "It happened in the nineties.", "Это случилось в 90-е годы.", ""},
	{"ru", "en", "В девяностые годы экономика росла.", "The economy grew in the 1990s.", ""},
	// numbers: times of day, on the 24-hour clock
	{"ru", "en", "Заседание начнётся в 10.30.", "The meeting starts at 10:30.", ""},
	{"ru", "zh", "Заседание начнётся в 10 ч 30 мин.", "会议于10时30分开始。", ""},
	{"ru", "zh", "Заседание начнётся в 10.30.", "会议10点半开始。", ""},
	{"ru", "en", "Приём гостей в 22.30.", "The reception is at 10.30 p.m.", ""},
	{"ru", "zh", "Ужин начнётся в 8 часов вечера.", "晚宴于晚上8点开始。", ""},
	{"ru", "en", "Пресс-конференция в 3 часа ночи.", "The press conference is at 3 a.m.", ""},
	{"ru", "en", "Заседание продлится до 12 часов дня.", "The meeting will last until noon.", ""},
	{"en", "ru", "The meeting ended at midnight.", "Заседание закончилось в 00:00.", ""},
	{"en", "ru", "The talks began at three o'clock.", "Переговоры начались в 15:00.", ""},
	{"en", "zh", "The talks began at 3 o'clock in the afternoon.", "会谈于下午3点开始。", ""},
	{"en", "ru", "The talks ended at half past ten.", "Переговоры завершились в 10:30.", ""},
	{"en", "ru", "The talks ended at a quarter to eleven.", "Переговоры завершились в 10:45.", ""},
	// numbers: signs, and per mille
	{"ru", "en", "Индекс упал на 5 %.", "The index changed by −5%.", ""},
	{"ru", "en", "Снижение составило 5 %.", "The index fell 5%.", ""},
	{"ru", "en", "Температура от −5 до −10 °C.", "Temperatures from minus 5 to minus 10 °C.", ""},
	{"ru", "zh", "Температура −5 °C.", "气温为零下5摄氏度。", ""},
	{"ru", "en", "Участников – 5.", "There are 5 participants.", ""},
	{"ru", "en", "Группы по 5-10 человек.", "Groups of 5-10 people.", ""},
	{"zh", "ru", "米克尔森18胜20负7平。", "У Микельсона 18 побед, 20 поражений и 7 ничьих.", ""},
	{"zh", "ru", "误差为正负0.5。", "Погрешность ±0,5.", ""},
	{"ru", "en", "Уровень алкоголя 0,5 ‰.", "Blood alcohol was 0.05%.", ""},
	{"zh", "ru", "比例为千分之五。", "Доля составила 5 ‰.", ""},
	{"ru", "en", "Ночью было 5 градусов мороза.", "It was −5 °C at night.", ""},
	{"ru", "en", "Ночью –5…–10 °C.", "Night temperatures of −5 to −10 °C.", ""},
	{"ru", "en", "Ночью было 5 градусов ниже нуля.", "At night it was minus 5 degrees.", ""},
	// numbers: currencies before and after the amount
	{"en", "zh", "It cost HK$100.", "价格为100港元。", ""},
	{"en", "ru", "It reached €3.1billion ($3.6bn).", "Сумма достигла 3,1 млрд евро (3,6 млрд долларов).", ""},
	{"zh", "en", "价格为100元人民币。", "The price is RMB 100.", ""},
	{"ru", "en", "Цена — 5 000 ₽.", "The price is RUB 5,000.", ""},
	{"zh", "en", "价格为￥100。", "The price is 100 yuan.", ""},
	{"en", "ru", "5 European countries signed.", "Подписали 5 европейских стран.", ""},
	// numbers: decades and centuries
	{"zh", "ru", "二十世纪九十年代，两国关系迅速发展。", "В 1990-е годы отношения двух стран быстро развивались.", ""},
	{"zh", "ru", "20世纪90年代，两国关系迅速发展。", "В 90-е годы XX века отношения двух стран быстро развивались.", ""},
	{"en", "zh", "It happened in the 1990s.", "这发生在20世纪90年代。", ""},
	{"zh", "ru", "21世纪的中俄关系", "Российско-китайские отношения в XXI веке", ""},
	{"ru", "en", "Российско-китайские отношения в XXI веке", "Russia–China relations in the twenty-first century", ""},
	{"ru", "zh", "Династию основал Карл IV. Его сын правил долго.", "该王朝由查理四世建立。他的儿子统治了很长时间。", ""},
	{"en", "zh", "See Chapter III.", "见第三章。", ""},
	// numbers: scale words, decimals, thousands
	{"zh", "ru", "中俄贸易额达到1468.87亿美元，同比增长35.8%。", "Товарооборот России и Китая достиг 146,887\u00a0млрд долл. США, увеличившись на 35,8\u00a0% в годовом исчислении.", ""},
	{"zh", "en", "中俄贸易额达到1468.87亿美元。", "Trade between China and Russia reached $146.887 billion.", ""},
	{"ru", "zh", "Объём торговли составил 1,5\u00a0млрд долларов.", "贸易额为15亿美元。", ""},
	{"zh", "ru", "2.5万人参加了活动。", "В мероприятиях приняли участие 25\u00a0тыс. человек.", ""},
	{"ru", "en", "Население — 1\u00a0000\u00a0000 человек.", "The population is 1,000,000.", ""},
	{"zh", "ru", "论坛共有1,200名代表参加。", "В форуме приняли участие 1200 делегатов.", ""},
	{"ru", "zh", "Товарооборот составил 2\u00a0млн 500\u00a0тыс. тонн.", "贸易量为250万吨。", ""},
	{"zh", "en", "总投资5千万元。", "Total investment was 50 million yuan.", ""},
	{"en", "ru", "The fund holds £5m.", "В фонде 5\u00a0млн фунтов.", ""},
	{"zh", "ru", "全长5千米。", "Общая длина — 5\u00a0км.", ""},
	{"zh", "ru", "贸易额（亿美元）", "Товарооборот (100\u00a0млн долл. США)", ""},
	{"zh", "ru", "人口（万人）", "Население (10\u00a0тыс. чел.)", ""},
	{"zh", "en", "贸易额（亿美元）", "Trade (US$100 million)", ""},
	{"ru", "zh", "Объём (млн долл. США)", "规模（百万美元）", ""},
	{"zh", "ru", "投资额（千美元）", "Объём инвестиций (тыс. долл. США)", ""},
	{"zh", "ru", "国内生产总值（兆日元）", "ВВП (трлн иен)", ""},
	{"zh", "en", "出口额（十亿美元）", "Exports (US$ bn)", ""},
	{"en", "ru", "Exports (US$ bn)", "Экспорт (млрд долл. США)", ""},
	{"ru", "en", "ВВП (трлн руб.)", "GDP (RUB tn)", ""},
	{"zh", "ru", "出口额（十亿美元）", "Экспорт (1 млрд долл. США)", ""},
	// numbers: percent and per mille
	{"zh", "ru", "增长百分之五。", "Рост составил 5\u00a0%.", ""},
	{"zh", "en", "增长百分之三点五。", "Growth was 3.5 per cent.", ""},
	{"ru", "zh", "Рост ВВП составил 8,1\u00a0% за год.", "全年GDP增长8.1%。", ""},
	{"en", "ru", "Growth was five per cent.", "Рост составил пять процентов.", ""},
	{"zh", "ru", "七成受访者表示支持。", "70\u00a0% опрошенных высказались за.", ""},
	{"zh", "ru", "三分之二的代表投了赞成票。", "Две трети делегатов проголосовали за.", ""},
	// numbers: words in every case and gender, ordinals, compounds
	{"zh", "ru", "二十年来，两国关系不断发展。", "За двадцать лет отношения двух стран постоянно развивались.", ""},
	{"zh", "ru", "二十年来，两国关系不断发展。", "За два десятилетия отношения двух стран постоянно развивались.", ""},
	{"zh", "en", "二十年来，两国关系不断发展。", "Over two decades, relations between the two countries have grown steadily.", ""},
	{"zh", "ru", "这是第三次会议。", "Это третье заседание.", ""},
	{"zh", "ru", "他在第三次会议上发言。", "Он выступил на третьем заседании.", ""},
	{"zh", "ru", "共有两千名代表。", "Всего было две тысячи делегатов.", ""},
	{"zh", "ru", "两千名代表参加了论坛。", "В форуме участвовали 2000 делегатов.", ""},
	{"zh", "ru", "来自二十一个国家的代表", "представители двадцати одной страны", ""},
	{"zh", "ru", "共三百五十人。", "Всего триста пятьдесят человек.", ""},
	{"zh", "ru", "共一万二千人。", "Всего двенадцать тысяч человек.", ""},
	{"zh", "ru", "共有十五亿人。", "Всего полтора миллиарда человек.", ""},
	{"zh", "en", "共有十五亿人。", "There are 1.5 billion people in all.", ""},
	{"zh", "ru", "两千零一年", "две тысячи первый год", ""},
	{"zh", "ru", "该条约于两千零一年签署。", "Договор подписан в две тысячи первом году.", ""},
	{"ru", "zh", "Он упомянул о двумястами делегатах.", "他提到了两百名代表。", ""},
	{"ru", "zh", "Итоги третьего года работы подвели в третьей декаде июня.", "第三年的工作总结于六月下旬进行。", ""},
	{"ru", "zh", "Премию вручили третьему участнику.", "奖项颁给了第三位参赛者。", ""},
	{"zh", "ru", "条约签署二十周年", "20-летие подписания Договора", ""},
	{"zh", "ru", "条约签署二十周年", "Двадцатилетие подписания Договора", ""},
	{"zh", "en", "条约签署二十周年", "The 20th anniversary of the signing of the Treaty", ""},
	{"zh", "en", "条约签署二十周年", "The twentieth anniversary of the signing of the Treaty", ""},
	{"ru", "en", "20-летие Договора", "The Treaty's twentieth anniversary", ""},
	{"en", "ru", "The two countries signed twenty-one agreements.", "Две страны подписали двадцать одно соглашение.", ""},
	{"en", "zh", "The two countries signed twenty-one agreements.", "两国签署了二十一项协议。", ""},
	{"en", "ru", "A thousand delegates attended.", "В форуме участвовала тысяча делегатов.", ""},
	{"en", "ru", "One hundred and twenty-five guests came.", "Пришли сто двадцать пять гостей.", ""},
	{"zh", "ru", "第十四个五年规划", "14-й пятилетний план", ""},
	{"zh", "ru", "这是“十四五”规划的第一年。", "Это первый год 14-й пятилетки.", ""},
	{"zh", "ru", "七八个代表发了言。", "Выступили семь-восемь делегатов.", ""},
	{"ru", "zh", "Первое заседание прошло в Москве, второе — в Пекине.", "第一次会议在莫斯科举行，第二次在北京举行。", ""},
	{"zh", "ru", "两国领导人之一", "один из лидеров России и Китая", ""},
	// numbers: ranges, congresses, weekdays, slogans, ages
	{"zh", "ru", "会议持续三到五天。", "Заседание продлится 3–5 дней.", ""},
	{"zh", "ru", "会议持续三至五天。", "Заседание продлится от трёх до пяти дней.", ""},
	{"zh", "ru", "中共十九大于2017年召开。", "XIX съезд КПК прошёл в 2017 г.", ""},
	{"zh", "en", "中共十九大于2017年召开。", "The 19th CPC National Congress was held in 2017.", ""},
	{"zh", "ru", "会议于周三和星期五举行。", "Заседания прошли в среду и пятницу.", ""},
	{"zh", "en", "七国集团峰会", "The G7 summit", ""},
	{"zh", "ru", "“三个代表”重要思想", "Важные идеи «трёх представительств»", ""},
	{"zh", "ru", "约有5万人参加。", "Приняли участие около 50\u00a0000 человек.", ""},
	{"ru", "zh", "Население выросло на 1,5\u00a0млн человек.", "人口增加了150万。", ""},
	{"en", "zh", "Population grew by 1.5 million.", "人口增加了150万。", ""},
	{"zh", "ru", "增长了0.5%。", "Рост составил 0,5\u00a0%.", ""},
	{"en", "ru", "on the 1st of June", "1 июня", ""},
	{"ru", "en", "Это произошло в XX\u00a0в.", "It happened in the 20th century.", ""},
	{"zh", "ru", "一国两制", "«Одна страна, две системы»", ""},
	{"zh", "en", "第一次会议于北京举行。", "The meeting was held in Beijing for the first time.", ""},
	{"ru", "en", "Во-первых, это важно; во-вторых, это срочно.", "First, it matters; second, it is urgent.", ""},
	{"zh", "ru", "2020/21学年", "2020/21 учебный год", ""},
	{"en", "ru", "Temperatures fell to minus 5 degrees.", "Температура опустилась до −5 °C.", ""},
	{"zh", "en", "他今年五十岁。", "He is fifty this year.", ""},
	{"ru", "zh", "Ему исполнилось пятьдесят лет.", "他今年五十岁。", ""},
	{"ru", "zh", "Ему исполнилось 50 лет.", "他今年五十岁。", ""},
	// numbers: a minus right after a Chinese character or a full-width
	// mark, where Chinese sets no space; a dash that joins a name or a
	// range is no minus
	{"zh", "ru", "气温为-5°C。", "Температура −5\u00a0°C.", ""},
	{"zh", "ru", "气温为−5°C。", "Температура −5\u00a0°C.", ""},
	{"zh", "ru", "气温为－5℃。", "Температура −5\u00a0°C.", ""},
	{"zh", "en", "最低气温降至-10℃。", "The lowest temperature fell to −10 °C.", ""},
	{"zh", "ru", "增长率为-3.5%。", "Темп роста составил −3,5\u00a0%.", ""},
	{"zh", "ru", "气温在-5℃至-10℃之间。", "Температура от −5 до −10\u00a0°C.", ""},
	{"ru", "zh", "Температура −5 °C.", "气温为-5℃。", ""},
	{"en", "zh", "Temperatures fell to minus 5 degrees.", "气温降至－5度。", ""},
	{"zh", "en", "3月-5月，出口增长。", "Exports grew from March to May.", ""},
	{"zh", "en", "2020年-2021年", "2020–2021", ""},
	{"zh", "en", "歼-20战斗机", "The J-20 fighter", ""},
	// numbers: list and section labels, which each language writes its
	// own way
	{"zh", "ru", "二、主要成果", "2. Основные результаты", ""},
	{"zh", "ru", "三、结论", "3. Выводы", ""},
	{"zh", "ru", "（二）基本原则", "2) Основные принципы", ""},
	{"zh", "ru", "三、加强合作。", "III. Укрепление сотрудничества.", ""},
	{"zh", "ru", "十、附则", "10. Заключительные положения", ""},
	{"zh", "ru", "十、附则", "X. Заключительные положения", ""},
	{"zh", "ru", "第二，扩大投资。", "2) Расширить инвестиции.", ""},
	{"zh", "en", "其二，加强合作。", "Second, strengthen cooperation.", ""},
	{"zh", "en", "其二，加强合作。", "2) Strengthen cooperation.", ""},
	{"zh", "en", "其三，深化交流。", "3. Deepen exchanges.", ""},
	{"zh", "en", "②加强合作。", "b) Strengthen cooperation.", ""},
	{"zh", "en", "⑶深化交流。", "c) Deepen exchanges.", ""},
	{"zh", "ru", "（三）加强合作。", "в) Укрепление сотрудничества.", ""},
	{"zh", "en", "一是加强贸易合作，二是扩大投资，三是深化人文交流。", "First, strengthen trade; second, expand investment; third, deepen exchanges.", ""},
	{"zh", "en", "一是加强贸易合作，二是扩大投资，三是深化人文交流。", "1) strengthen trade; 2) expand investment; 3) deepen exchanges.", ""},
	{"zh", "ru", "主要任务：（一）加强合作；（二）扩大投资；（三）深化交流。", "Основные задачи: а) укрепить сотрудничество; б) расширить инвестиции; в) углубить обмены.", ""},
	{"zh", "en", "主要任务：（一）加强合作；（二）扩大投资；（三）深化交流。", "Main tasks: (i) strengthen cooperation; (ii) expand investment; (iii) deepen exchanges.", ""},
	{"ru", "en", "III. Укрепление сотрудничества.", "3. Strengthening cooperation.", ""},
	{"en", "zh", "I. General provisions", "一、总则", ""},
	{"en", "zh", "(b) Scope", "（二）适用范围", ""},
	{"ru", "zh", "ж) иные вопросы.", "（七）其他事项。", ""},
	{"ru", "zh", "и) иные вопросы.", "（八）其他事项。", ""},
	{"ru", "zh", "и) иные вопросы.", "（九）其他事项。", ""},
	{"zh", "ru", "二、三十年来", "Последние двадцать-тридцать лет", ""},
	// numbers: currency and names with numbers
	{"zh", "ru", "价格为100元。", "Цена — 100 юаней.", ""},
	{"en", "ru", "It costs $100.", "Это стоит 100 долл.", ""},
	{"en", "zh", "It costs $100.", "价格为100美元。", ""},
	{"zh", "en", "售价为人民币100元。", "It sells for RMB100.", ""},
	{"zh", "ru", "苏-35战斗机", "истребитель Су-35", ""},
	{"zh", "ru", "二十国集团峰会", "Саммит «Группы двадцати»", ""},
	{"zh", "en", "二十国集团峰会", "The G20 summit", ""},
	{"ru", "zh", "Пандемия COVID-19 изменила мир.", "新冠肺炎疫情改变了世界。", ""},
	{"zh", "ru", "气温为零下5摄氏度。", "Температура составила −5\u00a0°C.", ""},
	// numbers: measures converted from English units, and rounded
	{"en", "ru", "The 650 pound pig pinned the farmer to his tractor.", "300-килограммовое животное прижало фермера к трактору.", ""},
	{"en", "zh", "Rosa had winds of 85 mph and was 385 miles southwest of Punta Eugenia.", "“罗莎”风速达到每小时137公里，位于蓬塔欧亨尼亚西南620公里处。", ""},
	{"zh", "ru", "“罗莎”风速达到每小时 85 英里。", "Скорость ветра «Розы» достигла 135\u00a0км/ч.", ""},
	{"en", "ru", "As much as 2 to 4 inches of rain is expected.", "Ожидается до 5–10\u00a0см осадков.", ""},
	{"en", "ru", "The volcano sits 45 miles (72 kilometers) southeast of the capital.", "Вулкан находится в 72\u00a0км к юго-востоку от столицы.", ""},
	{"en", "ru", "New York could reach 80 degrees on Tuesday.", "В Нью-Йорке во вторник может быть до 27 градусов.", ""},
	{"en", "ru", "Sturridge received a pass about 30 yards out from the goal.", "Старридж получил пас примерно в 27 метрах от ворот.", ""},
	// numbers: forms seen in real news translations
	{"en", "ru", "The body was found at 7.55am.", "Тело нашли в 7:55.", ""},
	{"zh", "ru", "小饮一杯的最佳时间是周六下午5：30。", "Лучшее время для пинты пива — суббота, 17:30.", ""},
	{"zh", "ru", "他退出了价值1100 万英镑的交易。", "Он вышел из сделки на 11\u00a0млн фунтов стерлингов.", ""},
	{"zh", "en", "已有550多万叙利亚人逃离该国。", "More than 5.5 million Syrians have fled the country.", ""},
	{"en", "ru", "Police blocked a 25,000-strong crowd.", "Полиция не подпустила 25-тысячную толпу.", ""},
	{"zh", "ru", "大约1个小时后发现了尸体。", "Тело было найдено примерно час спустя.", ""},
	{"en", "zh", "Willoughby set up Truly in 2016 and Jones joined in March.", "2016 年，威洛比创立了 Truly，同年 3 月琼斯加入。", ""},
	{"ru", "zh", "После ноябрьских выборов она решит.", "她将在11月的大选后做出决定。", ""},
	{"en", "zh", "They won 14½-13½.", "他们以14.5比13.5获胜。", ""},
	{"en", "zh", "Call 0800 555 111.", "请拨打 0800 555 111。", ""},

	// sentences: a date before a capital, a Chinese comma or semicolon
	// where other languages stop, a stop inside a title
	{"ru", "zh", "16 июля 2001 г. Россия и Китай подписали договор.", "2001年7月16日，中俄签署了条约。", ""},
	{"zh", "ru", "2001年7月16日，中俄签署了条约。", "16 июля 2001 г. Россия и Китай подписали договор.", ""},
	{"ru", "en", "16 июля 2001 г. Россия и Китай подписали договор.", "On 16 July 2001, Russia and China signed the treaty.", ""},
	{"zh", "ru", "论坛在北京举行；会议持续了两天。", "Форум прошёл в Пекине. Заседание длилось два дня.", ""},
	{"zh", "ru", "论坛在北京举行，会议持续了两天。", "Форум прошёл в Пекине. Заседание длилось два дня.", ""},
	{"zh", "en", "论坛在北京举行，会议持续了两天。", "The forum was held in Beijing. It lasted two days.", ""},
	{"ru", "zh", "Форум прошёл в Пекине. Заседание длилось два дня.", "论坛在北京举行，会议持续了两天。", ""},
	{"ru", "en", "Форум, прошедший в Пекине, длился два дня, и в нём участвовали сто делегатов.", "The forum was held in Beijing. It lasted two days, and a hundred delegates took part.", ""},
	{"zh", "ru", "他推荐了《摔跤吧！爸爸》这部电影。", "Он порекомендовал фильм «Дангал».", ""},
	{"ru", "zh", "Доклад «Куда идёт экономика? Итоги года» обсудили на заседании.", "会议讨论了《经济走向何方？年度总结》报告。", ""},
	{"ru", "zh", "Отрезок соединяет точки A и B. Найдите его длину.", "线段连接A点和B点。求其长度。", ""},
	{"ru", "zh", "Вода кипит при 100\u00a0°C. Это известно всем.", "水在100摄氏度沸腾。这是众所周知的。", ""},
	{"en", "ru", "He lives in the U.S. He likes it there.", "Он живёт в США. Ему там нравится.", ""},
	{"ru", "en", "В 2001 г. Китай и Россия подписали договор.", "In 2001, China and Russia signed a treaty.", ""},

	// end punctuation
	{"zh", "ru", "这是问题吗？", "Это вопрос?", ""},
	{"zh", "ru", "欢迎各位来宾！", "Добро пожаловать, дорогие гости!", ""},
	{"ru", "zh", "Дорогие друзья!", "亲爱的朋友们：", ""},
	{"ru", "en", "Дорогие коллеги!", "Dear colleagues,", ""},
	{"zh", "en", "女士们、先生们：", "Ladies and gentlemen,", ""},
	{"en", "ru", "Ladies and gentlemen,", "Дамы и господа!", ""},
	{"zh", "ru", "包括中国、俄罗斯等……", "Включая Китай, Россию и т.\u00a0д.", ""},
	{"zh", "ru", "2001年", "2001 г.", ""},
	{"ru", "zh", "Что же делать?..", "该怎么办？", ""},
	{"zh", "ru", "他问：“你好吗？”", "«Как дела?» — спросил он.", ""},
	{"ru", "en", "Он спросил: «Как дела?» — и ушёл.", "He asked, ‘How are you?’ and left.", ""},
	{"zh", "ru", "一、总则", "I. Общие положения", ""},
	{"zh", "en", "第一章 总则", "Chapter 1. General provisions", ""},
	{"zh", "ru", "（完）", "(Конец)", ""},
	{"zh", "ru", "合作领域包括：", "Области сотрудничества включают:", ""},
	{"zh", "ru", "一是加强贸易合作；", "во-первых, укреплять торговое сотрудничество;", ""},
	{"zh", "en", "一是加强贸易合作；", "first, to strengthen trade cooperation;", ""},

	// quotation marks
	{"zh", "ru", "他说：“这是两国友好合作的典范。”", "Он сказал: «Это образец дружбы и сотрудничества двух стран».", ""},
	{"zh", "en", "他说：“这是两国友好合作的典范。”", "He said: ‘This is a model of friendship and cooperation between the two countries.’", ""},
	{"zh", "en", "他说：“这是两国友好合作的典范。”", "He said, “This is a model of friendship and cooperation between the two countries.”", ""},
	{"en", "ru", "He said: “We agree.”", "Он сказал: «Мы согласны».", ""},
	{"en", "zh", "He said: ‘We agree.’", "他说：“我们同意。”", ""},
	{"ru", "zh", "Он сказал: «Мы согласны».", "他说：「我们同意。」", ""},
	{"ru", "zh", "Он назвал доклад «„Пояс и путь“ и ЕАЭС».", "他将报告命名为《“一带一路”与欧亚经济联盟》。", ""},
	{"zh", "en", "“一带一路”倡议取得了成果。", "The Belt and Road Initiative has borne fruit.", ""},
	{"zh", "ru", "《人民日报》报道了论坛。", "Газета «Жэньминь жибао» сообщила о форуме.", ""},
	{"zh", "en", "《人民日报》报道了论坛。", "People's Daily reported on the forum.", ""},
	{"ru", "zh", "Компания «Газпром» подписала контракт.", "俄罗斯天然气工业股份公司签署了合同。", ""},
	{"ru", "en", "Компания «Газпром» подписала контракт.", "Gazprom signed a contract.", ""},

	// punctuation width
	{"ru", "zh", "Форум прошёл в Пекине (Китай).", "论坛在北京（中国）举行。", ""},
	{"zh", "ru", "中国（北京）", "Китай (Пекин)", ""},
	{"zh", "ru", "《人民日报》报道了论坛。", "Газета «Жэньминь жибао» (《人民日报》) сообщила о форуме.", ""},
	{"en", "zh", "Xi Jinping met Mr. Putin in the U.S.", "习近平在美国会见了普京先生。", ""},
	{"en", "zh", "See the report (COVID-19).", "见报告(COVID-19)。", ""},

	// spaces: Chinese has no space between sentences
	{"zh", "ru", "论坛开幕。", "Форум открылся. ", ""},
	{"ru", "zh", "Форум открылся. ", "论坛开幕。", ""},
	{"zh", "en", "论坛开幕。", " The forum opened.", ""},

	// spaces: no-break spaces in numbers and before units and per cent,
	// spaces around a dash and after abbreviations; a mark that starts a
	// decimal, a name or an ellipsis; a score; Chinese with Latin words
	// spaced from the Han characters, but not from its marks
	{"zh", "ru", "人口为1000000人，增长5%，距离10公里。", "Население — 1\u00a0000\u00a0000 человек, рост 5\u00a0%, расстояние 10\u00a0км.", ""},
	{"zh", "ru", "例如，中国、俄罗斯等。", "Например, т.\u00a0е. Китай, Россия и т.\u00a0д.", ""},
	{"zh", "ru", "比赛以3:2结束。", "Матч закончился со счётом 3 : 2.", ""},
	{"zh", "en", "比赛以3:2结束。", "The match ended 3 : 2.", ""},
	{"zh", "en", "该框架基于.NET平台。", "The framework is built on the .NET platform.", ""},
	{"en", "ru", "Well... let us go on.", "Итак... продолжим.", ""},
	{"en", "ru", "He said … nothing.", "Он сказал … ничего.", ""},
	{"zh", "ru", "他说：“我们同意。”", "Он сказал: «Мы согласны».", ""},
	{"en", "zh", "We use Python (a programming language).", "我们使用 Python（一种编程语言）。", ""},
	{"en", "zh", "The COVID-19 pandemic changed the world.", "COVID-19 疫情改变了世界。", ""},
	{"en", "zh", "He said: “We agree.”", "他说：“我们同意。”", ""},
	{"ru", "en", "Что?!", "What?!", ""},
	{"ru", "en", "Форум — это диалог.", "The forum – a dialogue.", ""},
	{"ru", "en", "Форум  открылся.", "The forum  opened.", ""},
	{"ru", "en", "Форум открылся .", "The forum opened .", ""},

	// addresses: copied, or localised by their language alone
	{"zh", "ru", "详见https://example.org/zh/report。", "Подробнее: https://example.org/ru/report.", ""},
	{"zh", "en", "详见https://zh.example.org/report?lang=zh。", "See https://en.example.org/report?lang=en.", ""},
	{"zh", "en", "详见https://example.org/zh-cn/report。", "See https://example.org/en-gb/report.", ""},
	{"zh", "ru", "详见www.example.org。", "См. https://www.example.org/.", ""},
	{"ru", "en", "См. https://ru.wikipedia.org/wiki/%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80 (статья).", "See https://ru.wikipedia.org/wiki/Договор (article).", ""},
	{"en", "ru", "See (https://example.org/a_(b)).", "См. (https://example.org/a_(b)).", ""},
	{"zh", "ru", "请联系info@example.org。", "Пишите на info@example.org.", ""},
	{"zh", "en", "请联系Info@Example.org。", "Write to info@example.org.", ""},
	{"en", "ru", "Follow @MerPolCC for news.", "Новости — в @MerPolCC.", ""},
	{"en", "zh", "Visit tandem.example.org/forum today.", "请今天访问tandem.example.org/forum。", ""},

	// length: shared names, numbers and addresses do not count
	{"zh", "ru", "详见https://www.example.org/reports/2021/annual-trade-report-final.pdf", "Подробнее: https://www.example.org/reports/2021/annual-trade-report-final.pdf", ""},
	{"zh", "ru", "中华人民共和国和俄罗斯联邦睦邻友好合作条约", "Договор о добрососедстве, дружбе и сотрудничестве между Российской Федерацией и Китайской Народной Республикой", ""},
	{"zh", "en", "一带一路", "the Belt and Road Initiative", ""},

	// untranslated: what stays as it is
	{"en", "ru", "https://tandem.example.org/forum", "https://tandem.example.org/forum", ""},
	{"en", "zh", "Huawei Technologies Co., Ltd.", "Huawei Technologies Co., Ltd.", ""},
	{"ru", "en", "COVID-19", "COVID-19", ""},
	{"zh", "ru", "2021", "2021", ""},

	// Simplified to Traditional Chinese (and back): the numerals, scale
	// and counter words have forms of their own, short segments stay as
	// they are.
	{"zh-CN", "zh-TW", "中俄贸易额达到2401亿美元。", "中俄貿易額達到2401億美元。", ""},
	{"zh-Hans", "zh-Hant", "两国元首出席，共有一万二千人参加。", "兩國元首出席，共有一萬二千人參加。", ""},
	{"zh-TW", "zh-CN", "三點五個百分點，第十屆論壇。", "三点五个百分点，第十届论坛。", ""},
	{"zh-CN", "zh-TW", "中国", "中国", ""},
	{"zh-TW", "ru", "貿易額達到2401億美元。", "Товарооборот достиг 240,1 млрд долларов.", ""},
}

// wrongTranslations must still be flagged.
var wrongTranslations = []conventionCase{
	{"zh", "ru", "中俄贸易额达到2401亿美元。", "Товарооборот России и Китая достиг 2410\u00a0млрд долларов.", "numbers numbers"},
	{"zh", "ru", "增长了3.5%。", "Рост составил 35\u00a0%.", "numbers numbers"},
	{"zh", "ru", "2021年6月1日，论坛在北京开幕。", "1 июля 2021 г. в Пекине открылся форум.", "numbers numbers"},
	{"zh", "en", "论坛共有1200名代表参加。", "The forum was attended by delegates.", "numbers"},
	{"ru", "zh", "В форуме участвовали 1\u00a0200 делегатов.", "论坛共有1300名代表参加。", "numbers numbers"},
	{"zh", "ru", "贸易额（亿美元）", "Товарооборот (10\u00a0млрд долл. США)", "numbers"},
	{"zh", "ru", "增长百分之五。", "Рост составил 6\u00a0%.", "numbers"},
	{"zh", "ru", "二十年来，两国关系不断发展。", "За тридцать лет отношения двух стран постоянно развивались.", "numbers"},
	{"zh", "ru", "这是第三次会议。", "Это четвёртое заседание.", "numbers"},
	{"en", "ru", "The two countries signed twenty-one agreements.", "Две страны подписали двадцать два соглашения.", "numbers"},
	{"zh", "ru", "会议于下午3时举行。", "Заседание состоялось в 16:00.", "numbers numbers"},
	{"zh", "ru", "论坛在北京举行。会议持续了两天。", "Форум, проходивший в Пекине, длился два дня.", "sentences"},
	{"zh", "ru", "论坛在北京举行。会议持续了两天。代表们讨论了合作。", "Форум прошёл в Пекине.", "sentences length"},
	{"ru", "zh", "Форум прошёл в Пекине.", "论坛在北京举行。会议持续了两天。代表们讨论了合作。", "sentences"},
	{"ru", "zh", "Форум, в котором приняли участие делегаты из двадцати стран, прошёл в Пекине.", "论坛在北京举行。", "length"},
	{"zh", "ru", "这是问题吗？", "Это вопрос.", "end-punctuation"},
	{"ru", "zh", "Это вопрос?", "这是问题吗?", "end-punctuation"},
	{"ru", "zh", "Он пришёл, и она ушла.", "他来了,她走了。", "punctuation-width"},
	{"zh", "ru", "他来了，她走了。", "Он пришёл， она ушла.", "punctuation-width"},
	{"zh", "ru", "他说：“好。”", "Он сказал: “Хорошо”.", "quotes"},
	{"zh", "ru", "他说：“这是两国友好合作的典范。”", "Он сказал, что это образец дружбы и сотрудничества двух стран.", "quotes"},
	{"zh", "ru", "论坛开幕。", "", "untranslated"},
	{"ru", "en", "Форум открылся сегодня.", "Форум открылся сегодня.", "untranslated"},
	{"en", "ru", "The forum opened today.", "The forum opened today.", "untranslated"},
	{"ru", "en", "Форум открылся.", "The forum  opened.", "spaces"},
	{"ru", "en", "Форум открылся.", "The forum opened. ", "spaces"},
	{"zh", "ru", "论坛开幕了，很多代表参加了会议。", "Да.", "length"},
	{"en", "ru", "Rosa was 385 miles southwest of Punta Eugenia.", "«Роза» находилась в 360\u00a0км к юго-западу от Пунта-Эухении.", "numbers numbers"},
	{"en", "ru", "The 650 pound pig pinned the farmer to his tractor.", "500-килограммовое животное прижало фермера к трактору.", "numbers numbers"},
	{"en", "zh", "The November elections will be close.", "九月份的选举将很激烈。", "numbers"},
	// words: a different number
	{"ru", "en", "Сто человек.", "A hundred and ten people.", "numbers"},
	// dates: another day, month or year, or day and month swapped
	{"ru", "en", "Дата: 18.06.2021.", "Date: 18 July 2021.", "numbers numbers"},
	{"ru", "zh", "Дата: 18.06.2021.", "日期：2020年6月18日。", "numbers numbers"},
	{"ru", "en", "Встреча назначена на 06.05.2021.", "The meeting is on 5 June 2021.", "numbers"},
	{"ru", "zh", "Встреча назначена на 06.05.2021.", "会议定于2021年6月5日举行。", "numbers"},
	// times: the other half of the day
	{"ru", "en", "Заседание в 10:00.", "The meeting is at 10 p.m.", "numbers numbers"},
	{"zh", "en", "会议于下午3时开始。", "The meeting began at 3 a.m.", "numbers numbers"},
	{"ru", "zh", "Ужин начнётся в 8 часов вечера.", "晚宴于上午8点开始。", "numbers numbers"},
	{"en", "ru", "The reception is at 10.30 p.m.", "Приём гостей в 10.30.", "numbers numbers"},
	// signs: a minus lost or added
	{"ru", "en", "Температура −5 °C.", "The temperature is 5 °C.", "numbers"},
	{"ru", "en", "Температура минус 5 градусов.", "The temperature is 5 degrees.", "numbers"},
	{"zh", "ru", "气温为零下5摄氏度。", "Температура 5 °C.", "numbers"},
	{"ru", "en", "Рост 5 %.", "Growth was −5%.", "numbers"},
	{"ru", "en", "Индекс изменился на −5 %.", "The index changed by +5%.", "numbers"},
	{"zh", "ru", "气温为−5°C。", "Температура 5\u00a0°C.", "numbers"},
	{"zh", "en", "最低气温降至－10℃。", "The lowest temperature was 10 °C.", "numbers"},
	{"ru", "zh", "Температура −5 °C.", "气温为5℃。", "numbers"},
	{"en", "zh", "The temperature was 5 °C.", "气温为-5℃。", "numbers"},
	// list labels of another number
	{"zh", "ru", "三、结论", "4. Выводы", "numbers"},
	{"zh", "ru", "（二）基本原则", "3) Основные принципы", "numbers"},
	{"zh", "ru", "（三）基本原则", "г) Основные принципы", "numbers"},
	{"zh", "en", "四、结论", "III. Conclusions", "numbers"},
	{"en", "zh", "(d) Scope", "（三）适用范围", "numbers"},
	// per mille read as per cent
	{"ru", "en", "Уровень алкоголя 0,5 ‰.", "Blood alcohol was 0.5%.", "numbers"},
	{"zh", "ru", "比例为千分之五。", "Доля составила 5 %.", "numbers"},
	{"ru", "en", "Ночью было 5 градусов мороза.", "It was 5 °C at night.", "numbers"},
	// currencies: the same amount in other money
	{"en", "ru", "It costs $100.", "Это стоит 100 евро.", "numbers"},
	{"en", "zh", "It costs $100.", "价格为100欧元。", "numbers"},
	{"ru", "en", "Цена — 100 руб.", "The price is $100.", "numbers"},
	{"zh-CN", "zh-TW", "贸易额达到2401亿美元。", "貿易額達到2401萬美元。", "numbers numbers"},
	// spaces: doubled, before a mark, beside a Chinese mark
	{"ru", "en", "Форум открылся.", "The forum\u00a0 opened.", "spaces"},
	{"zh", "ru", "论坛开幕了，我们很高兴。", "Форум открылся , и мы рады.", "spaces"},
	{"zh", "en", "论坛开幕了。", "The forum opened .", "spaces"},
	{"zh", "en", "论坛开幕了，对吗？", "The forum opened , right ?", "spaces"},
	{"zh", "ru", "论坛（北京）开幕了。", "Форум ( Пекин ) открылся.", "spaces"},
	{"ru", "zh", "Форум открылся, и мы рады.", "论坛开幕 ，我们很高兴 。", "spaces"},
	{"ru", "zh", "Форум открылся, и мы рады.", "论坛开幕，  我们很高兴。", "spaces spaces"},
	{"ru", "zh", "Форум открылся, и мы рады.", "论坛开幕，我们　　很高兴。", "spaces"},
	{"ru", "zh", "Он сказал: «Да».", "他说： “是的。”", "spaces"},
	// addresses: changed, added, left out
	{"en", "ru", "See https://example.org/path for details.", "Подробнее: https://example.org/other.", "addresses"},
	{"zh", "en", "详见https://example.org/report。", "See https://example.com/report.", "addresses"},
	{"zh", "ru", "请联系info@example.org。", "Пишите на inf@example.org.", "addresses"},
	{"zh", "ru", "论坛开幕了。", "Форум открылся: https://example.org/news.", "addresses"},
	{"zh", "ru", "论坛开幕了，请联系info@example.org。", "Форум открылся, пишите на info@example.org или press@example.org.", "addresses"},
	{"zh", "ru", "详见https://example.org/report。", "Подробнее — в докладе.", "addresses"},
	{"zh", "ru", "请联系info@example.org。", "Пишите нам.", "addresses"},
	{"en", "ru", "See https://en.wikipedia.org/wiki/Treaty.", "См. https://ru.wikipedia.org/wiki/Договор.", "addresses"},
	{"zh", "ru", "详见www.gov.cn。", "См. www.gov.ru.", "addresses"},
}

func TestConventions(t *testing.T) {
	run := func(t *testing.T, cases []conventionCase) {
		for _, tt := range cases {
			c := mustChecker(t, tt.from, tt.to, nil)
			fs := c.Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt))
			if got := checks(fs); got != tt.want {
				var msgs []string
				for _, f := range fs {
					msgs = append(msgs, f.Check+": "+f.Message)
				}
				t.Errorf("%s→%s %q → %q: checks %q, want %q\n\t%s", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, strings.Join(msgs, "\n\t"))
			}
		}
	}
	t.Run("correct", func(t *testing.T) { run(t, correctTranslations) })
	t.Run("wrong", func(t *testing.T) { run(t, wrongTranslations) })
}
