// The word lists of the anonymisation scanner (issue 13 item 2): a compact gazetteer of Welsh and UK towns
// and districts (Welsh and English names), common Welsh and English given names, and the capitalised words a
// summary uses that are not names (agencies, services, roles, months and days, in both languages). Looked up
// folded (lower case, accents off), after Welsh de-mutation. Data only; the scanner reads them once.

const words = (text: string): string[] => text.trim().split(/\s+/);

/** Towns, cities, villages and districts: Wales in Welsh and English, and the larger places of the UK. One word each (a place of several words by its distinctive word). */
export const PLACES = words(`
  aberaeron aberafan aberavon aberdar aberdare aberdaugleddau aberdyfi abergavenny abergele aberhonddu abertawe abertyleri abertillery
  abertawe aberteifi aberystwyth abercynon aberpennar abergwaun amlwch ammanford bangor bala bargod bargoed barri barry beddau beaumaris biwmares
  blaenafon blaenavon blaenau blackwood bodelwyddan brecon brynmawr bridgend builth buckley caerdydd cardiff caerfyrddin carmarthen caerffili caerphilly
  caergybi holyhead caernarfon caerllion caerleon caersws caerwys caldicot cas-gwent chepstow casnewydd newport castell-nedd neath cwmbran cwmbrân
  cydweli kidwelly conwy colwyn corwen cricieth criccieth crucywel crickhowell dinbych denbigh dolgellau ely trelai trelái fflint flint gorseinon
  glynebwy ebbw hwlffordd haverfordwest harlech hirwaun llanbedr llandeilo llandrindod llandudno llanelli llanelwy llangefni llangollen llanidloes
  llanrwst llantrisant llanymddyfri llandovery machynlleth maesteg merthyr mold yr wyddgrug monmouth trefynwy morgannwg glamorgan morriston treforys
  narberth arberth nefyn neyland newtown drenewydd penarth pencoed pen-y-bont penybont pontardawe pontypool pontypwl porthcawl porthmadog talbot
  presteigne llanandras prestatyn pwllheli rhaeadr rhayader rhondda rhuthun ruthin rhyl rhymni rhymney risca sanclêr sandfields splott sgeti sketty
  tonypandy tonyrefail treorci treorchy tredegar treharris trefforest treforest tregaron tywyn wrecsam wrexham ynysybwl ynys-y-bwl ystrad ystradgynlais
  aberdâr aberdar cathays canton treganna grangetown llanrhymni llanrumney pentwyn llaneirwg rumney adamsdown butetown caerau trowbridge
  gurnos dowlais penydarren troedyrhiw aberfan cilfynydd trallwng welshpool gwynedd powys ceredigion penfro pembroke fishguard glyntaff glyn-taf
  porth ferndale glynrhedynog maerdy mardy treherbert pentre ystrad-mynach nelson senghennydd senghenydd llanharan llanharry gilfach tonteg
  mayhill townhill penlan blaen-y-maes clydach gowerton tregwyr gŵyr gower mumbles mwmbwls loughor casllwchwr cross hands tumble
  garth gartholwg efail isaf pentyrch radur radyr whitchurch yr eglwys newydd llandaf llandaff penylan rhiwbina 
  london llundain birmingham manchester liverpool leeds bristol bryste sheffield newcastle nottingham leicester coventry bradford
  plymouth southampton portsmouth derby stoke wolverhampton swindon gloucester caerloyw hereford henffordd chester caer shrewsbury amwythig
  oswestry croesoswallt telford worcester cheltenham exeter luton oxford rhydychen cambridge glasgow edinburgh caeredin aberdeen dundee belfast
  birkenhead wirral warrington crewe stockport bolton wigan blackpool preston middlesbrough sunderland york efrog doncaster barnsley rotherham
`);

/** Given names, Welsh and English, common in the families and workforces a review names. */
export const GIVEN_NAMES = words(`
  aled alun alwyn aneurin aneira angharad arwel awen bethan betsan bleddyn bronwen bryn brynmor carys catrin cai caio cadi caradog carwyn ceri
  cerys cledwyn dafydd dai dewi dilys dylan efa eifion eilir eira eirlys eleri elin elis elliw emlyn emrys eurig euros ffion ffraid gareth geraint
  gethin glenys glyn glesni gruffudd gruffydd guto gwen gwenllian gwenno gwilym gwyn gwyneth gwion harri heddwyn heledd huw hywel idris ieuan ifan
  ioan iolo islwyn iwan lowri llew llinos llio llŷr lleucu mabli mali manon mared meinir megan meirion meleri mererid mirain morgan myfanwy nerys
  nest nia osian owain owen peredur rhian rhiannon rhodri rhys rhydian sara seren sian siân siôn sioned steffan sion tegan tegid teleri
  tirion tomos trefor tudur twm wil wyn ynyr
  aaron adam aisha alan albert alex alexander alfie alice amanda amber amelia amy andrew angela ann anna anne anthony archie ava barbara ben
  benjamin brian callum carl carol caroline charlie charlotte chelsea chloe chris christine christopher claire connor craig daniel danielle darren
  david dean debbie deborah declan dennis donna dylan elizabeth ella ellie emily emma eric ethan evie frank freddie gail gary george georgia gemma
  grace graham hannah harry harvey hayley helen ian isaac isabella isla jack jacob jade james jamie jane jason jayden jennifer jessica joan john
  jordan joseph joshua julie karen kate katie kayden kayleigh keith kelly kerry kevin kieran kyle laura lauren leah lee leo lewis liam lily linda
  lisa logan louise lucy luke lynne maisie margaret maria mark martin mason matthew maureen megan melissa michael michelle mohammed muhammad nathan
  neil nicola noah oliver olivia oscar patricia paul paula peter phillip poppy rachel rebecca richard riley robert ryan sally samantha samuel sandra
  sarah scott sharon shane shannon simon sophie stacey stephen steven stuart susan tanya thomas tina toby tracey tyler valerie victoria wayne
  william zoe priya aaliyah ahmed ali amir fatima hassan imran omar yusuf zara zainab kai kacper jakub oliwia zuzanna
`);

/**
 * Capitalised words a summary uses that are not names: agencies, services, documents, roles, months and days,
 * titles, English and Welsh (Welsh in its radical form; mutated forms are found by de-mutation).
 */
export const COMMON_WORDS = words(`
  a an and the of for in on at to from by with or but not no nor as this that these those it its is was were be been has had have he she his her
  they their them we our you your i me my mr mrs ms miss dr sir
  first second third fourth fifth also however although after before when where while during since then there here what who which why how
  key learning recommendations recommendation introduction summary conclusion conclusions findings finding issues issue process processes events
  executive review reviews practice child children adult adults family families people person board boards partnership panel agency agencies
  safeguarding safeguard procedures procedure working together wales welsh england english uk united kingdom national independent local regional
  government authority authorities council county borough city services service social care health police ambulance fire rescue education
  university hospital hospitals school schools nursery college primary secondary comprehensive court courts family probation youth justice crown
  prosecution cps nhs gp surgery public protection unit team duty department emergency mental trust community housing association office
  minister ministers assembly senedd parliament commissioner inspectorate estyn ciw ofsted demographic register conference core group strategy
  discussion meeting plan action actions statement annual report reports chair officer worker visitor nurse doctor teacher headteacher paediatrician
  midwife consultant manager director head lead reviewer reviewers author practitioner practitioners designated named missing multi mash marac mappa
  mother father brother sister sibling grandmother grandfather aunt uncle carer stepfather stepmother mum dad nan mam tad mum's dad's
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december
  christmas easter covid coronavirus hub forum domestic abuse violence neglect crown magistrates tribunal coroner inquest unit ward
  designated safeguarding lead early help flying start team around multi-agency barnardo's nspcc action aid women's refuge substance misuse
  adverse childhood experiences assessment framework section order care supervision placement foster fostering adoption residential
  emergency accident a&e paediatric midwifery maternity neonatal intensive specialist liaison operation operations exchange hearing
  well-being wellbeing investigating investigation investigations harassment stalking law outline encompass virtual governance information
  reviewing looked after adolescent general accident department personal plan integrated support advisor adviser advocate advocacy
  barnardo action prince princess royal king queen saint st gwent dyfed
  facebook snapchat whatsapp instagram tiktok zoom teams microsoft google youtube xbox playstation messenger
  british polish romanian pakistani indian bangladeshi somali eritrean syrian afghan muslim christian catholic jewish sikh hindu irish scottish
  north south east west mid northern southern eastern western central greater
  european african asian caribbean gypsy traveller roma bible quran islam
  dydd llun mawrth mercher iau gwener sadwrn sul ionawr chwefror ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr nadolig pasg
  y yr ac ar am at gan i o yn yng ym gyda ger mae roedd bu bydd nid ni na dim ond hefyd wedi wedyn pan lle fel ei eu ein eich fy dy hwn hon hyn
  cyflwyniad crynodeb gweithredol adolygiad adolygiadau ymarfer plant plentyn oedolion oedolyn teulu teuluoedd pobl bwrdd byrddau diogelu
  rhanbarthol partneriaeth panel asiantaeth asiantaethau gwasanaeth gwasanaethau cymdeithasol iechyd heddlu ambiwlans tân achub addysg
  prifysgol ysbyty ysgol ysgolion meithrinfa cynradd uwchradd gyfun cyfun coleg llys llysoedd prawf cyfiawnder ieuenctid erlyn goron
  meddygfa meddyg teulu amddiffyn cyhoedd cyhoeddus uned tîm dyletswydd adran brys meddwl ymddiriedolaeth cymunedol tai cymdeithas swyddfa
  llywodraeth cymru cymraeg cenedlaethol annibynnol lleol sir sirol bwrdeistref dinas cyngor gweinidog senedd comisiynydd arolygiaeth
  gweithdrefnau gweithdrefn gweithio gilydd gyda’n gyda'n cofrestr cynhadledd craidd grŵp strategaeth trafodaeth cyfarfod cynllun gweithredu
  datganiad blynyddol adroddiad adroddiadau cadeirydd swyddog gweithiwr ymwelydd nyrs athro athrawes pennaeth pediatregydd bydwraig ymgynghorydd
  rheolwr cyfarwyddwr arweinydd adolygydd adolygwyr awdur ymarferydd ymarferwyr mam tad brawd chwaer mam-gu tad-cu modryb ewythr gofalwr llystad
  llysfam materion allweddol dysgu argymhellion argymhelliad casgliad canfyddiadau dilynol cyntaf ail trydydd pedwerydd pumed yn gyntaf
  dad mamgu tadcu nain taid anti yncl asesu asesiad asesiadau deddf llesiant adolygu troseddau uwch ymchwilio ymchwiliad glasoed damweiniau achosion
  dynodedig eiriolwr eiriolaeth trais domestig gorchymyn gofal interim cymorth integredig llywodraethu gwybodaeth dechrau deg teg cam-drin esgeulustod
  rhieni rhiant cartref cartrefi gwasanaeth maethu mabwysiadu preswyl cyfreithiol cyfraith llys ynadon crwner cwest rhybudd heddlu-
  sicrhau cyflawni cefnogi cynnwys swyddogion ymarferwyr seicolegydd seiciatrydd therapydd camddefnyddio sylweddau alcohol cyffuriau
  cynghorydd ymgynghorol partneriaid statudol trydydd sector elusen elusennau rhaglen prosiect fforwm hyb diogel diogelwch
  tywysog tywysoges brenhinol brenin brenhines sant santes anabl anabledd ymyrraeth cynnar cryfhau cyswllt mynediad blynyddoedd
  gogledd de dwyrain gorllewin canolbarth gogleddol deheuol
  pwyleg pwylaidd mwslim cristnogol catholig gwyddelig albanaidd saesneg prydeinig ewropeaidd
`);

/**
 * Endings of Welsh common words (verb-nouns, abstract nouns, plurals, adjectives): an unknown capitalised Welsh
 * word ending so is taken for a word of an institution's name ("Tîm Asesu", "Gwasanaeth Troseddau Ieuenctid"),
 * not a name, unless the gazetteer or the given names know it.
 */
export const WELSH_COMMON_ENDINGS = words(`iad iaid iaeth aeth au iau ion wyr ol u io edig adwy iant rwydd ineb deb wch ydd-`).filter((e) => !e.endsWith('-'));

/** Words before a capitalised word that make it a person: titles and family words used with a name. */
export const NAME_CUES = words(
  `mr mrs ms miss mx dr prof rev cllr pc dc ds di sgt insp parch uncle aunt auntie aunty nan nana nanny grandad bampi mamgu nain taid anti yncl`,
);

/** Words after capitalised words that make them a place ("Church Street", "Riverside Primary School"). */
export const PLACE_SUFFIXES = words(`
  street road lane avenue close drive crescent terrace place way court gardens grove park estate hill square row walk view green rise mews
  school academy college nursery hospital surgery centre clinic infirmary
`);

/** Words before a capitalised word that make it a place ("Ysgol Gynradd Y Garth", "Heol y Frenhines", "Ysbyty Gwynedd"). */
export const PLACE_PREFIXES = words(`ysgol ysbyty heol stryd ffordd lôn lon rhodfa cilgant teras maes parc stad ystad meddygfa canolfan clinig coleg`);

/** Prepositions before a capitalised word that make it likely a place (English and Welsh, the Welsh mutating it). */
export const PLACE_PREPOSITIONS = words(`in at from near to into towards yng ym yn i o ger drwy trwy hyd`);

/** Words before a capitalised word that make it likely a person ("gyda Ddafydd", "a Rhys", "â Siân", "gan Fethan"). */
export const PERSON_PREPOSITIONS = words(`gyda â ag gan wrth`);
