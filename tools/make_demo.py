"""Write python/corpuscle/datasets/demo.jsonl from the articles below.

The demo corpus is fiction written for corpuscle: the Veldrian rail strike of
March 2031. Every outlet, person, place and quotation is invented. Edit the
articles here and rerun ``python tools/make_demo.py``.
"""

import json
from pathlib import Path

WIRE_STRIKE = """\
Rail workers across northern Veldria walked off the job on Monday, halting passenger and freight services on the main lines out of Halvern as the United Rail Workers union began an open-ended strike over pay and staffing.

The union said more than 14,000 members had joined the stoppage. Picket lines formed before dawn at Halvern Central and at the freight yards of the Port of Halvern, and Veldrian Rail cancelled 1,200 trains by midday, according to the operator's own figures.

Prime Minister Anneliese Korvath called the strike "unnecessary and damaging" and urged both sides to return to talks. "The door of the Ministry of Transport is open today, tomorrow and every day," she told reporters in the capital.

Tomas Brandt, general secretary of the United Rail Workers, said the union had been negotiating for eleven months. "Our members have waited long enough. Wages have fallen behind prices for three years in a row, and crews are being asked to run longer shifts with fewer people," Brandt said.

The dispute comes as the government prepares to approve the final route of the Northern Arc, a planned high-speed line between Halvern and Ostrava Bay. The union wants guarantees that staff on the new line will be employed on the same terms as existing crews.

Veldrian Rail said it had offered a 4.5 percent rise over two years and described the offer as fair. A spokesperson said contingency timetables would run on some routes from Wednesday.

Freight operators warned that a long strike would leave containers stranded at the port. No new talks had been scheduled by Monday evening."""

WIRE_TALKS = """\
Talks aimed at ending the rail strike in northern Veldria resumed on Thursday at the Ministry of Transport, the first meeting between the United Rail Workers union and Veldrian Rail since the stoppage began on Monday.

Transport Minister Jonas Ferreira chaired the session, which lasted nearly six hours. Neither side gave details afterwards, but a ministry spokesperson said the discussions had been "constructive" and would continue on Friday.

Tomas Brandt, the union's general secretary, said the union had presented a revised proposal on staffing levels. "We have moved. Now we need to see movement from the other side of the table," he said outside the ministry.

Veldrian Rail said on Wednesday that about a quarter of its normal passenger timetable was running, mostly on southern routes staffed by managers and contractors. Freight traffic through the Port of Halvern remained almost entirely suspended.

Prime Minister Anneliese Korvath told parliament on Thursday that the government would not impose a settlement. "This is a dispute between an employer and its staff, and it must be settled at the table," Korvath said, rejecting calls from opposition members for emergency legislation.

The strike has also drawn attention to the Northern Arc high-speed line, whose final route the cabinet is due to approve this month. The union has asked for a written commitment that crews on the new line will be covered by the existing national agreement.

Analysts at the Veldrian Central Bank estimated that each week of the strike would reduce national output by about 0.2 percent."""

WIRE_DEAL = """\
The United Rail Workers union and Veldrian Rail reached a provisional agreement late on Sunday to end a week-long strike that had shut down most rail services in northern Veldria.

Under the deal, announced jointly at the Ministry of Transport, staff will receive a 6 percent pay rise over two years and a one-off payment for the current year. The company also agreed to a joint review of staffing levels on long-distance trains.

Tomas Brandt, general secretary of the union, said members would vote on the agreement over the coming ten days and that services would resume from Tuesday while the ballot takes place. "This is not everything we asked for, but it is a real step forward," he said.

Prime Minister Anneliese Korvath welcomed the agreement. "I thank both sides for the work they put in over a difficult week," she said in a statement.

The agreement includes a clause stating that crews on the planned Northern Arc high-speed line will be employed under the existing national agreement, a demand the union had made since the start of the dispute.

Veldrian Rail said it expected a full timetable to be restored by Thursday. Freight operators at the Port of Halvern said clearing the backlog of containers could take two weeks.

The cabinet is expected to approve the final route of the Northern Arc on Wednesday."""

# The Morning-edition re-run: the Harbour Courier prints the wire's strike story
# almost word for word, with its own headline, one sentence cut and one added.
COURIER_RERUN = WIRE_STRIKE.replace(
    "A spokesperson said contingency timetables would run on some routes from Wednesday.",
    "A spokesperson said contingency timetables would run on some routes from Wednesday. "
    "Shares in freight groups fell on the Halvern exchange.",
).replace(
    "Freight operators warned that a long strike would leave containers stranded at the port. ",
    "",
)

ARTICLES = [
    {
        "source": "Capital Wire",
        "id": "wire-2031-03-03",
        "date": "2031-03-03",
        "title": "Rail strike halts trains across northern Veldria",
        "text": WIRE_STRIKE,
    },
    {
        "source": "Capital Wire",
        "id": "wire-2031-03-06",
        "date": "2031-03-06",
        "title": "Rail strike talks resume at transport ministry",
        "text": WIRE_TALKS,
    },
    {
        "source": "Capital Wire",
        "id": "wire-2031-03-09",
        "date": "2031-03-09",
        "title": "Union and Veldrian Rail reach provisional deal to end strike",
        "text": WIRE_DEAL,
    },
    {
        "source": "Harbour Courier",
        "id": "courier-2031-03-03",
        "date": "2031-03-03",
        "title": "Rail walkout strands freight as strike begins",
        "text": COURIER_RERUN,
    },
    {
        "source": "Harbour Courier",
        "id": "courier-2031-03-05",
        "date": "2031-03-05",
        "title": "Strike bill mounts for exporters as port falls silent",
        "text": """\
The cost of the northern rail strike is mounting for Veldria's exporters, with more than 9,000 containers waiting at the Port of Halvern and freight rates on road haulage up by a third since Monday, according to the Halvern Chamber of Commerce.

"Every day the yards stay closed, our members lose contracts they spent years winning," said Irena Dovic, chief economist at the chamber. She estimated direct losses to exporters at 40 million crowns a day, before penalties for late delivery.

Investors are also watching the Northern Arc. The high-speed line is expected to cost 11.8 billion crowns, to be financed partly through infrastructure bonds that the Ministry of Finance plans to issue in the autumn. Bond traders said the yield on existing Veldrian Rail debt had risen by 15 basis points this week, reflecting concern that labour costs on the new line could exceed the business case.

Veldrian Rail's offer of 4.5 percent over two years would add about 60 million crowns a year to the operator's wage bill, according to its annual report. The union's demand for 8 percent would roughly double that.

Logistics groups said they were diverting some cargo to the southern port of Mirel, at higher cost. "Customers understand a few days. They do not understand a few weeks," said the chief executive of one haulage firm, who asked not to be named because of continuing negotiations with the operator.

Shares in Halvern-listed freight and logistics companies fell 3.2 percent on Wednesday. Analysts said a settlement within two weeks would limit the damage to first-quarter earnings, but warned that a longer stoppage would hit supply chains across the region.""",
    },
    {
        "source": "Harbour Courier",
        "id": "courier-2031-03-10",
        "date": "2031-03-10",
        "title": "Deal ends strike, but Northern Arc costs remain in question",
        "text": """\
Markets welcomed Sunday's provisional agreement to end the rail strike, with freight and logistics shares recovering most of last week's losses in early trading on Monday.

The deal gives rail staff a 6 percent rise over two years, above the operator's original offer of 4.5 percent but below the union's demand. Analysts at Halvern Securities estimated the settlement would add about 85 million crowns a year to Veldrian Rail's costs, a sum they described as manageable given the company's strong balance sheet.

The larger question for investors is the Northern Arc. The agreement commits the operator to employ crews on the new high-speed line under the existing national agreement. "That closes off one of the savings assumed in the original business case," said Irena Dovic, chief economist at the Halvern Chamber of Commerce. "The financing plan will have to be revisited before the bonds are issued."

The Ministry of Finance said the Northern Arc remained affordable and that the autumn bond issue would go ahead as planned. Yields on Veldrian Rail debt fell slightly on Monday.

Exporters said the backlog at the Port of Halvern would take at least two weeks to clear, and that some contracts lost during the strike would not return. The Halvern Chamber of Commerce put the total cost of the week-long stoppage to the regional economy at between 250 and 300 million crowns.

The cabinet is due to approve the final route of the line on Wednesday, clearing the way for construction contracts worth several billion crowns to be tendered this year.""",
    },
    {
        "source": "Northgate Ledger",
        "id": "ledger-2031-03-03",
        "date": "2031-03-03",
        "title": "On the picket line at Halvern Central: 'We keep this country moving'",
        "text": """\
The braziers were lit before five o'clock on Monday morning at Halvern Central, where drivers, guards, signal workers and cleaners stood together on the first day of the United Rail Workers strike.

"We keep this country moving, and we are tired of being told to be grateful for crumbs," said Marta Lind, a guard with nineteen years on the northern lines. "My rent has gone up twice in two years. My wages have not."

Across the north, workers answered the union's call in numbers that surprised even the organisers. At the freight yards of the Port of Halvern, crane drivers from the dock workers' union joined the picket in solidarity, refusing to move any container bound for a train.

Tomas Brandt, general secretary of the United Rail Workers, walked the picket line with members. "Eleven months of talks, and the company still treats staffing as a cost to cut rather than a matter of safety," Brandt told the Ledger. "Crews are working twelve-hour shifts. Fatigue kills."

Workers spoke again and again about safety. Signal workers described vacant posts left unfilled for months and overtime that has become compulsory in all but name. Cleaners, many of them employed through contractors on lower wages, said they wanted the same terms as directly employed staff.

The Northern Arc hangs over the dispute. The government's new high-speed line will need hundreds of workers, and the union fears that Prime Minister Anneliese Korvath's government intends to staff it on inferior contracts. "They are building the railway of the future on the wages of the past," said Lind.

Collections for the strike fund raised more than 300,000 crowns on the first day.""",
    },
    {
        "source": "Northgate Ledger",
        "id": "ledger-2031-03-06",
        "date": "2031-03-06",
        "title": "Solidarity grows as strike enters fourth day",
        "text": """\
Support for the striking rail workers spread on Thursday as nurses, teachers and dock workers joined rallies in Halvern, Ostrava Bay and six other northern towns.

More than 20,000 people marched through the centre of Halvern to the Ministry of Transport, where union leaders were meeting the company for the first time since the strike began. Marchers carried banners reading "Safe crews, fair pay" and "No second-class Northern Arc".

"This is about every worker who has been told to do more with less," said Sara Okafor, a nurse who marched with colleagues from Halvern General Hospital. "Rail workers are standing up for all of us."

Inside the ministry, Tomas Brandt presented the union's revised proposal on staffing. Outside, he told the crowd that members would not go back for a deal that left crews short. "We did not walk out for a headline. We walked out for safe trains and a living wage," he said.

The strike fund has now passed one million crowns, with donations from unions in four neighbouring countries. Retired rail workers have organised kitchens at the larger picket lines, serving soup and bread to workers through the night.

Veldrian Rail has tried to run a skeleton timetable using managers and agency contractors. Workers at Halvern Central said some of those trains had run without a qualified guard. The union has written to the rail safety regulator asking for an inquiry.

Prime Minister Anneliese Korvath has refused to intervene. Workers on the picket line were unimpressed. "She found billions for the Northern Arc overnight," said one driver. "She cannot find a fair wage for the people who will run it?\"""",
    },
    {
        "source": "Northgate Ledger",
        "id": "ledger-2031-03-10",
        "date": "2031-03-10",
        "title": "Rail workers win guarantees on pay and the Northern Arc",
        "text": """\
Rail workers have won a 6 percent pay rise, a staffing review and a guarantee that the Northern Arc will be run by crews on the national agreement, after a week-long strike that the government and the company said could never succeed.

"This is what solidarity looks like," Tomas Brandt told a packed meeting of union members at Halvern Central on Sunday night. "They said we would crack in three days. We held for seven, and we held together."

The deal is not everything workers wanted. The union had asked for 8 percent, and contract cleaners are not yet covered by the national agreement, an omission that several speakers at Sunday's meeting called unacceptable. Marta Lind, the guard who has spoken for many strikers on the picket line, said she would vote yes "with one eye open".

The staffing review, to be carried out jointly by the union and Veldrian Rail, will examine shift lengths and vacant posts, the issues that workers raised on every picket line. The union will appoint half of the review's members.

Most important for the future, workers say, is the Northern Arc clause. Every driver, guard and signal worker on the new high-speed line will be employed on the same terms as existing staff. "The railway of the future will be a union railway," said Brandt.

Members will vote over the next ten days. Trains will run again from Tuesday while the ballot takes place. The strike fund, which raised more than 1.4 million crowns, will pay out to members who lost wages during the week.""",
    },
    {
        "source": "Valley Chronicle",
        "id": "chronicle-2031-03-04",
        "date": "2031-03-04",
        "title": "Strike leaves valley towns cut off as farmers count the cost",
        "text": """\
For the towns of the upper Selmer valley, the rail strike means more than a cancelled commute. With no trains on the branch line to Halvern, students, hospital patients and market traders are relying on a single overcrowded bus service and the narrow valley road.

"We have one road in and one road out, and in March it floods," said Petra Haal, mayor of Dunmere. She has asked the regional council to fund extra buses for as long as the strike lasts.

Farmers are also counting the cost. Dairy cooperatives that send milk to the processing plant at Halvern by rail are switching to road tankers, at twice the price. Marten Vool, who chairs the Selmer Valley Farmers' Association, said smaller farms could not absorb the cost for long.

The strike has revived an older argument in the valley: the route of the Northern Arc. The government's preferred route for the high-speed line crosses the Selmer Wetlands, home to the largest breeding colony of black storks in the country and a stopover for tens of thousands of migrating geese each spring.

"Everyone here wants better trains," said Haal. "But nobody here asked for a high-speed line that doesn't stop in the valley and runs across the wetlands our grandparents drained and our children restored."

Environmental groups have proposed an eastern route that would follow the existing motorway and avoid the wetlands, at an estimated extra cost of 900 million crowns. The Ministry of Transport said both routes had been assessed and that a decision would be made this month.

The regional council meets on Thursday to discuss emergency transport for the valley.""",
    },
    {
        "source": "Valley Chronicle",
        "id": "chronicle-2031-03-07",
        "date": "2031-03-07",
        "title": "Wetlands report raises doubts over Northern Arc route",
        "text": """\
A report by the Selmer Wetlands Trust published on Friday warns that the government's preferred route for the Northern Arc high-speed line would drain groundwater from the wetlands and could lead to the loss of the black stork colony within a decade.

The trust's hydrologists found that cuttings planned for the line would lower the water table across about a third of the protected area. "Wetlands are not scenery. They are water, and water moves," said Dr. Elin Maros, who led the study. "You cannot cut a trench through the valley floor and expect the marsh to stay wet."

The report also raises concerns about flooding. The wetlands store winter rain and release it slowly into the Selmer river. Farmers downstream say the valley already floods more often than it did twenty years ago, and fear that a drained marsh would make matters worse.

Marten Vool of the Selmer Valley Farmers' Association said the trust's findings matched what farmers had seen for years. "We are not against the railway. We are against building it in the one place that keeps our fields from going under," he said.

The Ministry of Transport said the environmental assessment of the route had been carried out to the highest standards and that mitigation measures, including new ponds and culverts, were planned. The ministry has not yet published the assessment in full.

Local councillors have asked Prime Minister Anneliese Korvath to delay the cabinet's decision on the route until the trust's report has been reviewed independently. With the rail strike still dominating the news from Halvern, residents fear the route will be approved with little debate.""",
    },
    {
        "source": "Valley Chronicle",
        "id": "chronicle-2031-03-11",
        "date": "2031-03-11",
        "title": "Trains return to the valley as route decision looms",
        "text": """\
The first train in eight days pulled into Dunmere station on Tuesday morning, to applause from a small crowd on the platform, as services returned after the end of the rail strike.

"It felt like the valley had been switched back on," said Petra Haal, the mayor, who was among those waiting. Extra buses laid on by the regional council during the strike will continue until the end of the week while timetables return to normal.

For farmers, the return of the branch line means milk can go back on the train. Marten Vool said the strike had cost dairy farms in the valley about 2 million crowns in extra transport, and that the association would ask the regional council for help.

Attention in the valley has now turned to Wednesday's cabinet meeting, where ministers are expected to approve the final route of the Northern Arc. Campaigners from the Selmer Wetlands Trust plan a vigil outside the regional council offices, and more than 12,000 people have signed a petition asking for the eastern route along the motorway.

Dr. Elin Maros, whose report this week warned that the preferred route would drain the wetlands, said she had been invited to meet officials from the Ministry of Transport. "I am glad they want to talk. I hope they also want to listen," she said.

The strike settlement includes guarantees for crews on the high-speed line, but says nothing about where it will run. "The union got its clause," said Haal. "The black storks don't have a union."

The cabinet's decision is expected on Wednesday afternoon.""",
    },
]


def main() -> None:
    """Write the articles as JSON Lines and say how many words they hold."""
    out = (
        Path(__file__).resolve().parent.parent / "python" / "corpuscle" / "datasets" / "demo.jsonl"
    )
    with out.open("w", encoding="utf-8") as f:
        for article in ARTICLES:
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    words = sum(len(a["text"].split()) for a in ARTICLES)
    print(f"wrote {len(ARTICLES)} articles, {words} words, to {out}")


if __name__ == "__main__":
    main()
