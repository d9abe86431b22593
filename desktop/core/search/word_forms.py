"""Irregular English word forms, read at query time as their usual form too.

The index stems words with Porter's rules, which only strip regular endings: "fallen" and
"fell" stay apart from "fall"/"falls"/"falling", "children" from "child", "teeth" from
"tooth", "diagnoses" from "diagnosis". A person who writes "my mother has fallen" asks about
falls. So a typed irregular form is also searched as its usual form (the concept keeps the
form typed as another phrasing of full weight: answers that use it still match).

The list is general English (irregular past forms and plurals, and the Latin and Greek
plurals common in health writing), never taken from any question set. Forms that are also a
different everyday word are left out ("left", "saw", "found", "wound", "lay", "bit", "shot" as
in a flu shot, "led" as in lead poisoning, "lives", "leaves", "rose").
"""

from __future__ import annotations

_PAIRS = """
arose arise
arisen arise
ate eat
eaten eat
awoke wake
awoken wake
woke wake
woken wake
became become
began begin
begun begin
bent bend
bitten bite
bled bleed
blew blow
blown blow
broke break
broken break
brought bring
built build
burnt burn
bought buy
caught catch
chose choose
chosen choose
clung cling
crept creep
dealt deal
dug dig
drank drink
drunk drink
drew draw
drawn draw
dreamt dream
drove drive
driven drive
fallen fall
fell fall
fed feed
felt feel
fought fight
fled flee
flew fly
flown fly
forgot forget
forgotten forget
froze freeze
frozen freeze
gave give
given give
grew grow
grown grow
hid hide
hidden hide
held hold
kept keep
knelt kneel
knew know
known know
lent lend
lost lose
meant mean
met meet
overate overeat
overeaten overeat
paid pay
ran run
rang ring
rode ride
ridden ride
risen rise
sank sink
shaken shake
shook shake
shrank shrink
shrunk shrink
slept sleep
slid slide
sought seek
sold sell
sent send
sang sing
sung sing
sat sit
spoke speak
spoken speak
spent spend
spun spin
spat spit
stood stand
stole steal
stolen steal
stuck stick
stung sting
stank stink
strove strive
struck strike
swam swim
swum swim
swelled swell
swollen swell
swung swing
taught teach
tore tear
torn tear
thought think
threw throw
thrown throw
took take
taken take
understood understand
underwent undergo
undergone undergo
wore wear
worn wear
wept weep
won win
wrote write
written write
children child
women woman
men man
feet foot
teeth tooth
geese goose
mice mouse
lice louse
knives knife
wives wife
halves half
calves calf
shelves shelf
oxen ox
analyses analysis
diagnoses diagnosis
prognoses prognosis
metastases metastasis
neuroses neurosis
psychoses psychosis
thromboses thrombosis
crises crisis
theses thesis
hypotheses hypothesis
bacteria bacterium
criteria criterion
phenomena phenomenon
fungi fungus
nuclei nucleus
stimuli stimulus
bacilli bacillus
vertebrae vertebra
larvae larva
ova ovum
testes testis
appendices appendix
indices index
matrices matrix
cortices cortex
apices apex
foramina foramen
lumina lumen
stomata stoma
carcinomata carcinoma
"""

IRREGULAR: dict[str, str] = dict(line.split() for line in _PAIRS.strip().splitlines())


def usual_form(word: str) -> str | None:
    """The usual form of an irregular folded word ("fallen" -> "fall"), or None."""
    return IRREGULAR.get(word)
